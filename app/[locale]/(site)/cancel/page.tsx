import Link from 'next/link';
import { ErrorSummary } from '@/components/a11y/ErrorSummary';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, unindexedMetadata, type SearchParamsProps } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';
export const generateMetadata = unindexedMetadata((locale) => translator(locale, 'retention.meta')('cancel'));

/**
 * Cancelling without signing in (public): the reader gives their address and gets a one-time link
 * that lands on the confirm step. The same answer whether or not the address is a patron's.
 */
export default async function CancelWithoutSignInPage({ params, searchParams }: SearchParamsProps) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention');
  const sp = await searchParams;
  const sent = sp.sent === '1';
  return (
    <div className="container account-page">
      <h1>{t('heading')}</h1>
      {sent ? (
        <p role="status" data-testid="cancel-link-sent">
          {t('public.sent')}
        </p>
      ) : null}
      <p>{t('public.intro')}</p>
      <form method="post" action="/api/cancel/link">
        <ErrorSummary />
        <input type="hidden" name="locale" value={locale} />
        <p>
          <label htmlFor="cancel-email">{t('public.email')}</label>
          <br />
          <input id="cancel-email" name="email" type="email" autoComplete="email" required maxLength={320} />
        </p>
        <button type="submit" className="button">
          {t('public.button')}
        </button>
      </form>
      <p>{t.rich('public.signedIn', { link: (c) => <Link href={localePath(locale, '/account/cancel')}>{c}</Link> })}</p>
    </div>
  );
}
