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

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const noticeSchema = z.enum(['delete-confirm']).optional().catch(undefined);

export default async function AccountPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath('/account'));
  const sp = await searchParams;
  const notice = noticeSchema.parse(Array.isArray(sp.error) ? sp.error[0] : sp.error);
  const resumed = sp.resumed === '1';
  const a = await accountSummary(user.id);
  const { state } = a.status;
  const cadence = a.interval === 'YEAR' ? 'year' : a.interval === 'MONTH' ? 'month' : null;
  // Patrons have a personal referral link (lib/referrals).
  const myReferralLink = a.status.isPatron ? referralLink(await referralCodeFor(user.id)) : null;
  // Free months credited for referrals (lib/referrals/reward.ts), whether or not they are a patron now.
  const referralRewards = await referralRewardsOf(user.id);

  return (
    <div className="container account-page">
      <h1>Your account</h1>
      <p>
        Signed in as <strong>{user.email}</strong>.
      </p>

      <section id="membership" aria-labelledby="membership-heading" data-testid="membership" data-state={state}>
        <h2 id="membership-heading">Membership</h2>
        {state === 'active' || state === 'trialing' ? (
          <p data-testid="membership-status">
            You are a patron{state === 'trialing' ? ' (trial)' : ''}. Thank you for keeping our reporting free for everyone.
          </p>
        ) : null}
        {state === 'canceling' && a.status.endsAt ? (
          <p data-testid="membership-status">
            Your membership ends on <strong>{formatDate(a.status.endsAt)}</strong>. You can resume it any time before then under “Manage
            membership”.
          </p>
        ) : null}
        {state === 'past_due_grace' ? (
          <div role="alert" className="notice" data-testid="card-update-nudge">
            <p>
              <strong>Your last payment failed. Please update your card.</strong>
            </p>
            <p>
              You are still a patron while we retry
              {a.status.graceEndsAt ? (
                <>
                  {' '}
                  until <strong>{formatDate(a.status.graceEndsAt)}</strong>
                </>
              ) : null}
              . Update your card under “Manage membership” to keep your membership.
            </p>
          </div>
        ) : null}
        {state === 'past_due_lapsed' ? (
          <div role="alert" className="notice" data-testid="card-update-nudge">
            <p>
              <strong>Your membership is on hold: we could not collect your payment.</strong> Update your card under “Manage membership” to
              become a patron again.
            </p>
          </div>
        ) : null}
        {state === 'gifted' ? (
          <p data-testid="membership-status">
            You are a patron thanks to a gift membership
            {a.status.endsAt ? (
              <>
                {' '}
                until <strong>{formatDate(a.status.endsAt)}</strong>
              </>
            ) : null}
            . No card is needed; <Link href="/support">become a paying patron</Link> to carry on after that.
          </p>
        ) : null}
        {state === 'paused' ? (
          <p data-testid="membership-status">
            Your membership is <strong>paused</strong>
            {a.status.pausedUntil ? (
              <>
                {' '}
                until <strong>{formatDate(a.status.pausedUntil)}</strong>
              </>
            ) : null}
            : you are not charged, and you cannot vote until it carries on.
          </p>
        ) : null}
        {state === 'paused' ? (
          <form action={resumePauseAction}>
            <button type="submit" className="button" data-testid="resume-pause">
              Resume my membership now
            </button>
          </form>
        ) : null}
        {resumed && state !== 'paused' ? (
          <p role="status" data-testid="membership-resumed">
            Your membership carries on: you are a patron again.
          </p>
        ) : null}
        {state === 'ended' ? (
          <p data-testid="membership-status">
            Your membership ended{a.status.endsAt ? <> on {formatDate(a.status.endsAt)}</> : null}.{' '}
            <Link href="/support">Become a patron again</Link>.
          </p>
        ) : null}
        {state === 'none' ? (
          <p data-testid="membership-status">
            You are not a patron yet. <Link href="/support">Become a patron</Link> from the price of a coffee a month.
          </p>
        ) : null}

        {a.tierName && state !== 'none' && state !== 'ended' ? (
          <dl className="account-page__facts">
            <dt>Tier</dt>
            <dd data-testid="membership-tier">{a.tierName}</dd>
            {a.amount !== null && a.currency && cadence ? (
              <>
                <dt>Amount</dt>
                <dd data-testid="membership-amount">
                  {formatRecurring(a.amount, a.currency, cadence, { withCode: true })} (
                  {cadence === 'year' ? 'billed yearly' : 'billed monthly'})
                </dd>
              </>
            ) : null}
            {a.nextChargeAt ? (
              <>
                <dt>Next charge</dt>
                <dd data-testid="membership-next-charge">{formatDate(a.nextChargeAt)}</dd>
              </>
            ) : null}
          </dl>
        ) : null}

        {a.hasCustomer ? (
          <form method="post" action="/api/billing/portal">
            <p>Change your tier or how often you pay, update your card, cancel or resume: our payment provider, Stripe, handles it.</p>
            <button type="submit" className="button">
              Manage membership
            </button>
          </form>
        ) : null}
        {state === 'active' || state === 'trialing' || state === 'past_due_grace' ? (
          <p>
            <Link href="/account/cancel" data-testid="cancel-membership-link">
              Cancel membership
            </Link>
          </p>
        ) : null}
      </section>

      {a.status.isPatron ? (
        <section id="supporter-wall" aria-labelledby="wall-heading">
          <h2 id="wall-heading">Supporter wall</h2>
          <p>
            Patrons can be thanked by name on <Link href="/supporters">our supporter wall</Link>. Only the name you enter is shown.
          </p>
          <form method="post" action="/api/account/supporter-wall">
            <input type="hidden" name="optIn" value="true" />
            <label htmlFor="wall-name">Name to show</label> <input id="wall-name" name="displayName" maxLength={60} required />{' '}
            <button type="submit" className="button secondary">
              Show my name
            </button>
          </form>
          <form method="post" action="/api/account/supporter-wall">
            <input type="hidden" name="optIn" value="false" />
            <button type="submit" className="button secondary">
              Take my name off
            </button>
          </form>
        </section>
      ) : null}

      <section aria-labelledby="invoices-heading">
        <h2 id="invoices-heading">Invoices</h2>
        {a.invoices.length ? (
          <table data-testid="invoices">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Amount</th>
                <th scope="col">Status</th>
                <th scope="col">Invoice</th>
              </tr>
            </thead>
            <tbody>
              {a.invoices.map((inv) => (
                <tr key={inv.id}>
                  <td>{formatDate(inv.paidAt ?? inv.createdAt)}</td>
                  <td>
                    {formatMoney(inv.status === 'paid' ? inv.amountPaid : inv.amountDue, inv.currency, { withCode: true })}
                    {inv.amountRefunded ? ` (${formatMoney(inv.amountRefunded, inv.currency)} refunded)` : ''}
                  </td>
                  <td>{inv.status}</td>
                  <td>{inv.hostedInvoiceUrl ? <a href={inv.hostedInvoiceUrl}>View invoice</a> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No invoices yet.</p>
        )}
      </section>

      {myReferralLink ? (
        <section aria-labelledby="referral-heading">
          <h2 id="referral-heading">Invite a reader</h2>
          <p>
            Share your personal link: when someone becomes a patron through it, we&rsquo;ll email you to say thank you (we never show your
            name to anyone).
          </p>
          <p data-testid="referral-link">
            <a href={myReferralLink}>{myReferralLink}</a>
          </p>
        </section>
      ) : null}
      {referralRewards.length ? (
        <section aria-labelledby="referral-rewards-heading" data-testid="referral-rewards">
          <h2 id="referral-rewards-heading">Thank-you months</h2>
          {referralRewards.map((r) => (
            <p key={r.currency}>
              {r.months === 1 ? 'One free month' : `${r.months} free months`} credited for readers who joined through your link (
              {formatMoney(r.amount, r.currency, { withCode: true })}, taken off your next payments).
            </p>
          ))}
        </section>
      ) : null}
      <AccountNewsletters
        choices={await accountChoices(user)}
        isPatron={a.status.isPatron}
        saved={sp.newsletters === 'saved'}
        action={saveMyNewslettersAction}
      />

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <p>Everything we hold about you (account, membership, payments, checkouts, newsletters, emails we sent you), as one JSON file.</p>
        <p>
          <a href="/api/account/export" className="button secondary" download>
            Download my data
          </a>
        </p>
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <p>
          This cancels any membership right away (you will not be charged again), deletes your account and signs you out. It cannot be
          undone.
        </p>
        {notice === 'delete-confirm' ? (
          <p role="alert" className="notice">
            To delete your account, type DELETE in the box.
          </p>
        ) : null}
        <DeleteAccountForm />
      </section>
    </div>
  );
}
