import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser, signInPath } from '@/lib/auth/session';
import { accountSummary } from '@/lib/billing/account';
import { formatMoney, formatRecurring } from '@/lib/format/money';
import { formatDate } from '@/lib/format/dates';
import { DeleteAccountForm } from './DeleteAccountForm';
import { referralCodeFor, referralLink } from '@/lib/referrals/referrals';
import { referralRewardsOf } from '@/lib/referrals/reward';
import { AccountNewsletters } from '@/components/newsletters/AccountNewsletters';
import { accountChoices } from '@/lib/newsletters/subscriptions';
import { saveMyNewslettersAction } from './newsletter-actions';
import { resumePauseAction } from './pause-actions';
import { localePath } from '@/lib/i18n/locales';
import { localized } from '@/lib/i18n/content';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const noticeSchema = z.enum(['delete-confirm']).optional().catch(undefined);

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'account.meta');
  return { title: t('title'), robots: { index: false } };
}

export default async function AccountPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'account');
  const user = await getCurrentUser();
  if (!user) redirect(localePath(locale, signInPath(localePath(locale, '/account'))));
  const sp = await searchParams;
  const notice = noticeSchema.parse(Array.isArray(sp.error) ? sp.error[0] : sp.error);
  const resumed = sp.resumed === '1';
  const a = await accountSummary(user.id);
  const tierName = a.tierName ? localized(a.tierTranslations, locale, 'name', a.tierName) : null;
  const { state } = a.status;
  const cadence = a.interval === 'YEAR' ? 'year' : a.interval === 'MONTH' ? 'month' : null;
  // Patrons have a personal referral link (lib/referrals).
  const myReferralLink = a.status.isPatron ? referralLink(await referralCodeFor(user.id)) : null;
  // Free months credited for referrals (lib/referrals/reward.ts), whether or not they are a patron now.
  const referralRewards = await referralRewardsOf(user.id);
  const date = (d: Date) => formatDate(d, undefined, locale);
  const strong = (c: ReactNode) => <strong>{c}</strong>;
  const support = (c: ReactNode) => <Link href={localePath(locale, '/support')}>{c}</Link>;
  // i18n-keys: account.invoices.statuses
  const invoiceStatus = (status: string) =>
    t.has(`invoices.statuses.${status}` as 'invoices.statuses.paid')
      ? t(`invoices.statuses.${status}` as 'invoices.statuses.paid')
      : status;

  return (
    <div className="container account-page">
      <h1>{t('heading')}</h1>
      <p>{t.rich('signedInAs', { email: user.email, strong })}</p>

      <section id="membership" aria-labelledby="membership-heading" data-testid="membership" data-state={state}>
        <h2 id="membership-heading">{t('membership.heading')}</h2>
        {state === 'active' || state === 'trialing' ? (
          <p data-testid="membership-status">{t('membership.active', { trial: state === 'trialing' ? 'yes' : 'no' })}</p>
        ) : null}
        {state === 'canceling' && a.status.endsAt ? (
          <p data-testid="membership-status">{t.rich('membership.canceling', { date: date(a.status.endsAt), strong })}</p>
        ) : null}
        {state === 'past_due_grace' ? (
          <div role="alert" className="notice" data-testid="card-update-nudge">
            <p>
              <strong>{t('membership.graceTitle')}</strong>
            </p>
            <p>
              {a.status.graceEndsAt
                ? t.rich('membership.grace', { date: date(a.status.graceEndsAt), strong })
                : t('membership.graceNoDate')}
            </p>
          </div>
        ) : null}
        {state === 'past_due_lapsed' ? (
          <div role="alert" className="notice" data-testid="card-update-nudge">
            <p>{t.rich('membership.lapsed', { strong })}</p>
          </div>
        ) : null}
        {state === 'gifted' ? (
          <p data-testid="membership-status">
            {a.status.endsAt
              ? t.rich('membership.gifted', { date: date(a.status.endsAt), strong, link: support })
              : t.rich('membership.giftedNoDate', { link: support })}
          </p>
        ) : null}
        {state === 'paused' ? (
          <p data-testid="membership-status">
            {a.status.pausedUntil
              ? t.rich('membership.paused', { date: date(a.status.pausedUntil), strong })
              : t.rich('membership.pausedNoDate', { strong })}
          </p>
        ) : null}
        {state === 'paused' ? (
          <form action={resumePauseAction}>
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" className="button" data-testid="resume-pause">
              {t('membership.resume')}
            </button>
          </form>
        ) : null}
        {resumed && state !== 'paused' ? (
          <p role="status" data-testid="membership-resumed">
            {t('membership.resumed')}
          </p>
        ) : null}
        {state === 'ended' ? (
          <p data-testid="membership-status">
            {a.status.endsAt
              ? t.rich('membership.ended', { date: date(a.status.endsAt), link: support })
              : t.rich('membership.endedNoDate', { link: support })}
          </p>
        ) : null}
        {state === 'none' ? <p data-testid="membership-status">{t.rich('membership.none', { link: support })}</p> : null}

        {tierName && state !== 'none' && state !== 'ended' ? (
          <dl className="account-page__facts">
            <dt>{t('membership.tier')}</dt>
            <dd data-testid="membership-tier">{tierName}</dd>
            {a.amount !== null && a.currency && cadence ? (
              <>
                <dt>{t('membership.amount')}</dt>
                <dd data-testid="membership-amount">
                  {t('membership.amountValue', {
                    amount: formatRecurring(a.amount, a.currency, cadence, { withCode: true, locale }),
                    interval: cadence,
                  })}
                </dd>
              </>
            ) : null}
            {a.nextChargeAt ? (
              <>
                <dt>{t('membership.nextCharge')}</dt>
                <dd data-testid="membership-next-charge">{date(a.nextChargeAt)}</dd>
              </>
            ) : null}
          </dl>
        ) : null}

        {a.hasCustomer ? (
          <form method="post" action="/api/billing/portal">
            <input type="hidden" name="locale" value={locale} />
            <p>{t('membership.portalIntro')}</p>
            <button type="submit" className="button">
              {t('membership.portalButton')}
            </button>
          </form>
        ) : null}
        {state === 'active' || state === 'trialing' || state === 'past_due_grace' ? (
          <p>
            <Link href={localePath(locale, '/account/cancel')} data-testid="cancel-membership-link">
              {t('membership.cancelLink')}
            </Link>
          </p>
        ) : null}
      </section>

      {a.status.isPatron ? (
        <section id="supporter-wall" aria-labelledby="wall-heading">
          <h2 id="wall-heading">{t('wall.heading')}</h2>
          <p>{t.rich('wall.intro', { link: (c) => <Link href={localePath(locale, '/supporters')}>{c}</Link> })}</p>
          <form method="post" action="/api/account/supporter-wall">
            <input type="hidden" name="optIn" value="true" />
            <input type="hidden" name="locale" value={locale} />
            <label htmlFor="wall-name">{t('wall.name')}</label> <input id="wall-name" name="displayName" maxLength={60} required />{' '}
            <button type="submit" className="button secondary">
              {t('wall.show')}
            </button>
          </form>
          <form method="post" action="/api/account/supporter-wall">
            <input type="hidden" name="optIn" value="false" />
            <input type="hidden" name="locale" value={locale} />
            <button type="submit" className="button secondary">
              {t('wall.hide')}
            </button>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">{t('invoices.heading')}</h2>
        {a.invoices.length ? (
          <table data-testid="invoices">
            <thead>
              <tr>
                <th scope="col">{t('invoices.date')}</th>
                <th scope="col">{t('invoices.amount')}</th>
                <th scope="col">{t('invoices.status')}</th>
                <th scope="col">{t('invoices.invoice')}</th>
              </tr>
            </thead>
            <tbody>
              {a.invoices.map((inv) => (
                <tr key={inv.id}>
                  <td>{date(inv.paidAt ?? inv.createdAt)}</td>
                  <td>
                    {formatMoney(inv.status === 'paid' ? inv.amountPaid : inv.amountDue, inv.currency, { withCode: true, locale })}
                    {inv.amountRefunded
                      ? ` ${t('invoices.refunded', { amount: formatMoney(inv.amountRefunded, inv.currency, { locale }) })}`
                      : ''}
                  </td>
                  <td>{invoiceStatus(inv.status)}</td>
                  <td>{inv.hostedInvoiceUrl ? <a href={inv.hostedInvoiceUrl}>{t('invoices.view')}</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('invoices.none')}</p>
        )}
      </section>

      {myReferralLink ? (
        <section aria-labelledby="referral-heading">
          <h2 id="referral-heading">{t('referral.heading')}</h2>
          <p>{t('referral.intro')}</p>
          <p data-testid="referral-link">
            <a href={myReferralLink}>{myReferralLink}</a>
          </p>
        </section>
      ) : null}
      {referralRewards.length ? (
        <section aria-labelledby="referral-rewards-heading" data-testid="referral-rewards">
          <h2 id="referral-rewards-heading">{t('referral.rewardsHeading')}</h2>
          {referralRewards.map((r) => (
            <p key={r.currency}>
              {t('referral.rewards', { months: r.months, amount: formatMoney(r.amount, r.currency, { withCode: true, locale }) })}
            </p>
          ))}
        </section>
      ) : null}
      <AccountNewsletters
        locale={locale}
        choices={await accountChoices(user)}
        isPatron={a.status.isPatron}
        saved={sp.newsletters === 'saved'}
        action={saveMyNewslettersAction}
      />

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('data.heading')}</h2>
        <p>{t('data.intro')}</p>
        <p>
          <a href="/api/account/export" className="button secondary" download>
            {t('data.download')}
          </a>
        </p>
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('delete.heading')}</h2>
        <p>{t('delete.intro')}</p>
        {notice === 'delete-confirm' ? (
          <p role="alert" className="notice">
            {t('delete.confirmNotice')}
          </p>
        ) : null}
        <DeleteAccountForm locale={locale} label={t('delete.label')} button={t('delete.button')} />
      </section>
    </div>
  );
}
