import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { userOfCancelToken } from '@/lib/retention/links';
import { offersForUser } from '@/lib/retention/cancel';
import { formatDate } from '@/lib/format/dates';
import { DecideForm } from '@/components/retention/CancelForms';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention.meta');
  return { title: t('confirm'), robots: { index: false }, referrer: 'no-referrer' };
}

type Props = LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

const tokenSchema = z.string().min(1).max(200).optional().catch(undefined);

/**
 * Where the emailed one-time link lands (no sign-in): the confirm step. Opening it spends nothing
 * (mail scanners open links); the button does, once.
 */
export default async function ConfirmCancelPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention');
  const sp = await searchParams;
  const token = tokenSchema.parse(Array.isArray(sp.token) ? sp.token[0] : sp.token);
  const userId = token ? await userOfCancelToken(token) : null;
  if (!token || !userId) {
    return (
      <div className="container account-page">
        <h1>{t('heading')}</h1>
        <p role="alert" data-testid="cancel-link-invalid">
          {t.rich('confirm.invalid', { link: (c) => <Link href={localePath(locale, '/cancel')}>{c}</Link> })}
        </p>
      </div>
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
