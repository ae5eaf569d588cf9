import type { Metadata } from 'next';
import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/session';
import { potBalance } from '@/lib/pif/pif';
import { billingCurrencies } from '@/lib/billing/config';
import { formatMoney } from '@/lib/format/money';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Pay it forward' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Public: the pot, a contribution form and the application form (both for signed-in readers). */
export default async function PayItForwardPage({ searchParams }: Props) {
  const sp = await searchParams;
  const [user, pot] = await Promise.all([getCurrentUser(), potBalance()]);
  return (
    <div className="container account-page">
      <h1>Pay it forward</h1>
      {sp.thanks === '1' ? <p role="status">Thank you: once your payment is confirmed it goes into the pot.</p> : null}
      {sp.applied === '1' ? <p role="status">Thank you for applying. We will email you when we have decided.</p> : null}
      <p>
        Some readers cannot afford a membership. Contributions to this pot fund memberships for them, and our staff grant them to readers
        who apply.
      </p>
      <p data-testid="pif-pot">
        In the pot now: {pot.length ? pot.map((p) => formatMoney(p.balance, p.currency)).join(', ') : 'nothing yet'}.
      </p>
      {user ? (
        <>
          <h2>Contribute</h2>
          <form method="post" action="/api/pay-it-forward/contribute">
            <label htmlFor="pif-amount">Amount</label> <input id="pif-amount" name="amount" type="number" min={1} step="0.01" required />{' '}
            <select name="currency" aria-label="Currency">
              {billingCurrencies().map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>{' '}
            <button type="submit" className="button">
              Contribute
            </button>
          </form>
          <h2>Apply for a membership</h2>
          <form method="post" action="/api/pay-it-forward/apply">
            <p>
              <label htmlFor="pif-reason">In a sentence or two, why are you applying?</label>
              <br />
              <textarea id="pif-reason" name="reason" rows={3} minLength={10} maxLength={500} required />
            </p>
            <button type="submit" className="button secondary">
              Apply
            </button>
          </form>
        </>
      ) : (
        <p>
          <Link href="/signin?callbackUrl=%2Fpay-it-forward">Sign in</Link> to contribute or to apply.
        </p>
      )}
    </div>
  );
}
