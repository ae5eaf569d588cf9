import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser, signInPath } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { offersForUser } from '@/lib/retention/cancel';
import { formatDate } from '@/lib/format/dates';
import { DecideForm, ReasonForm } from '@/components/retention/CancelForms';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention.meta');
  return { title: t('cancel'), robots: { index: false } };
}

type Props = LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

const requestSchema = z.string().min(1).max(64).optional().catch(undefined);

/** Cancelling, signed in: the reason first, then the offers staff configured and the cancel button. */
export default async function CancelMembershipPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'retention');
  const user = await getCurrentUser();
  if (!user) redirect(localePath(locale, signInPath(localePath(locale, '/account/cancel'))));
  const date = (d: Date) => formatDate(d, undefined, locale);
  const sp = await searchParams;
  const requestId = requestSchema.parse(Array.isArray(sp.request) ? sp.request[0] : sp.request);
  const { sub, offers, state, endsAt, pausedUntil } = await offersForUser(user.id);

  if (!sub) {
    return (
      <div className="container account-page">
        <h1>{t('heading')}</h1>
        <p data-testid="cancel-nothing">
          {state === 'canceling' && endsAt
            ? t('account.alreadyCanceled', { date: date(endsAt) })
            : state === 'paused'
              ? pausedUntil
                ? t('account.paused', { date: date(pausedUntil) })
                : t('account.pausedNoDate')
              : t('account.nothing')}
        </p>
        <p>
          <Link href={localePath(locale, '/account')}>{t('account.back')}</Link>
        </p>
      </div>
    );
  }

  const db = await getDb();
  const pending = requestId
    ? await db.cancellationRequest.findFirst({ where: { id: requestId, userId: user.id, outcome: 'pending' } })
    : null;
  return (
    <div className="container account-page">
      <h1>{t('heading')}</h1>
      {pending ? (
        <DecideForm
          hidden={{ request: pending.id }}
          offers={offers}
          endsAt={date(sub.currentPeriodEnd)}
          withReason={false}
          locale={locale}
        />
      ) : (
        <>
          <p>{t('account.sorry')}</p>
          <ReasonForm hidden={{}} locale={locale} />
        </>
      )}
    </div>
  );
}
