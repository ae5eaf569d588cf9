import Link from 'next/link';
import { userOfCancelToken } from '@/lib/retention/links';
import { offersForUser } from '@/lib/retention/cancel';
import { formatDate } from '@/lib/format/dates';
import { AlertPage } from '@/components/site/NoticePage';
import { DecideForm } from '@/components/retention/CancelForms';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, tokenParam, unindexedMetadata, type SearchParamsProps } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';
// i18n-keys: retention.meta.confirm
export const generateMetadata = unindexedMetadata((locale) => translator(locale, 'retention.meta')('confirm'), { noReferrer: true });

/**
 * Where the emailed one-time link lands (no sign-in): the confirm step. Opening it spends nothing
 * (mail scanners open links); the button does, once.
 */
export default async function ConfirmCancelPage({ params, searchParams }: SearchParamsProps) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention');
  const token = await tokenParam(searchParams);
  const userId = token ? await userOfCancelToken(token) : null;
  if (!token || !userId) {
    return (
      <AlertPage heading={t('heading')} testId="cancel-link-invalid">
        {t.rich('confirm.invalid', { link: (c) => <Link href={localePath(locale, '/cancel')}>{c}</Link> })}
      </AlertPage>
    );
  }
  const { sub, offers } = await offersForUser(userId);
  return (
    <div className="container account-page">
      <h1>{t('confirm.heading')}</h1>
      {sub ? (
        <DecideForm
          hidden={{ token }}
          offers={offers}
          endsAt={formatDate(sub.currentPeriodEnd, undefined, locale)}
          withReason
          locale={locale}
        />
      ) : (
        <p data-testid="cancel-nothing">{t('confirm.nothing')}</p>
      )}
    </div>
  );
}
