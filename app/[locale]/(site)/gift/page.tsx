import type { Metadata } from 'next';
import Link from 'next/link';
import { ErrorSummary } from '@/components/a11y/ErrorSummary';
import { getCurrentUser } from '@/lib/auth/session';
import { listTiers } from '@/lib/billing/tiers';
import { billingCurrencies } from '@/lib/billing/config';
import { formatMoney } from '@/lib/format/money';
import { GIFT_MONTHS } from '@/lib/gifts/gifts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Give a membership' };

/** Buying a gift membership (any signed-in reader): one-off payment for 3, 6 or 12 months of a tier. */
export default async function GiftPage() {
  const user = await getCurrentUser();
  const tiers = (await listTiers()).filter((t) => t.active && t.prices.some((p) => p.interval === 'MONTH' && p.active && p.stripePriceId));
  const currencies = billingCurrencies();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div className="container account-page">
      <h1>Give a membership</h1>
      <p>Give someone 3, 6 or 12 months as a patron: they vote on what we cover next, with no card needed. You pay once; nothing renews.</p>
      {!user ? (
        <p>
          <Link href="/signin?callbackUrl=%2Fgift">Sign in</Link> to give a membership.
        </p>
      ) : (
        <form method="post" action="/api/gifts">
          <ErrorSummary />
          <p>
            <label htmlFor="gift-tier">Tier</label>
            <br />
            <select id="gift-tier" name="tierId" required>
              {tiers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} (
                  {t.prices
                    .filter((p) => p.interval === 'MONTH' && p.active)
                    .map((p) => `${formatMoney(p.amount, p.currency)} a month`)
                    .join(', ')}
                  )
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="gift-months">Length</label>
            <br />
            <select id="gift-months" name="months" defaultValue="6">
              {GIFT_MONTHS.map((m) => (
                <option key={m} value={m}>
                  {m} months
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="gift-currency">Currency</label>
            <br />
            <select id="gift-currency" name="currency">
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="gift-email">Recipient&apos;s email address</label>
            <br />
            <input id="gift-email" name="recipientEmail" type="email" required maxLength={320} />
          </p>
          <p>
            <label htmlFor="gift-name">Recipient&apos;s name (optional)</label>
            <br />
            <input id="gift-name" name="recipientName" maxLength={100} />
          </p>
          <p>
            <label htmlFor="gift-message">Your message (optional)</label>
            <br />
            <textarea id="gift-message" name="message" rows={3} maxLength={500} />
          </p>
          <p>
            <label htmlFor="gift-date">Delivery date</label>
            <br />
            <input id="gift-date" name="deliverOn" type="date" min={today} defaultValue={today} required />
          </p>
          <button type="submit" className="button">
            Pay for the gift
          </button>
        </form>
      )}
    </div>
  );
}
