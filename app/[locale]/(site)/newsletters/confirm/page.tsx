import Link from 'next/link';
import { pendingSignup } from '@/lib/newsletters/subscriptions';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, unindexedMetadata, type SearchParamsProps } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

// Reads the token from the address: per request, never cached, never indexed.
export const dynamic = 'force-dynamic';

export const generateMetadata = unindexedMetadata((locale) => translator(locale, 'newsletters.confirm')('title'));

/**
 * The link in the double opt-in email. Opening it changes nothing (mail scanners open links); the
 * button posts the signed token to /api/newsletters/confirm.
 */
export default async function ConfirmNewsletterPage({ params, searchParams }: SearchParamsProps) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'newsletters.confirm');
  const sp = await searchParams;
  const token = typeof sp.token === 'string' ? sp.token : '';
  const signup = await pendingSignup(token, locale);
  return (
    <div className="container support-page">
      <h1>{t('title')}</h1>
      {!signup ? (
        <p role="alert">{t('invalid')}</p>
      ) : signup.status === 'CONFIRMED' ? (
        <p role="status">
          {t.rich('already', {
            email: signup.email,
            newsletter: signup.newsletter,
            link: (c) => <Link href={localePath(locale, '/')}>{c}</Link>,
          })}
        </p>
      ) : (
        <form method="post" action="/api/newsletters/confirm">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="locale" value={locale} />
          <p>{t.rich('start', { newsletter: signup.newsletter, email: signup.email, strong: (c) => <strong>{c}</strong> })}</p>
          <button type="submit" className="button">
            {t('button')}
          </button>
        </form>
      )}
    </div>
  );
}
