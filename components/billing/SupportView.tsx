/**
 * The /support page body (server component). Mount with the offered tiers, the reader (or null) and
 * the attribution from the query string (parseSupportParams):
 *   <SupportView tiers={await listOfferedTiers()} signedIn={!!user} from={from} placement={placement} round={round} />
 * The visit itself is counted for the funnel (CtaBeacon: no cookies, nothing sent under DNT/GPC).
 */
import type { OfferedTier } from '@/lib/billing/tiers';
import { billingCurrencies, oneOffMinimum } from '@/lib/billing/config';
import { SupportSignIn, SupportTiers } from './SupportTiers';
import { CtaBeacon } from '@/components/cta/CtaBeacon';
import { minorToMajorString } from '@/lib/format/money';

const clean = (s: string | undefined) => (s ?? '').replace(/[^\w\-./:]/g, '').slice(0, 200);

export function SupportView({
  tiers,
  signedIn,
  from,
  placement,
  round,
  refCode,
  preselect,
}: {
  tiers: OfferedTier[];
  signedIn: boolean;
  from?: string;
  placement?: string;
  round?: string;
  /** A valid referral code (lib/referrals), carried through Checkout. */
  refCode?: string;
  /** A lapsed patron's old tier and billing (lib/cta/ask.ts comeBackChoice). */
  preselect?: { tierId: string; interval?: 'MONTH' | 'YEAR'; currency?: string };
}) {
  const f = clean(from);
  const p = clean(placement) || 'support-page';
  const r = clean(round);
  const query = new URLSearchParams({
    ...(f ? { from: f } : {}),
    ...(placement ? { placement: p } : {}),
    ...(r ? { round: r } : {}),
  }).toString();
  const callbackUrl = `/support${query ? `?${query}` : ''}`;
  const currencies = billingCurrencies();
  const min = minorToMajorString(oneOffMinimum());
  return (
    <section aria-labelledby="support-heading">
      <h2 id="support-heading">Support our journalism</h2>
      <p>Our reporting is free for everyone. Patrons pay for it.</p>
      {!signedIn && <SupportSignIn callbackUrl={callbackUrl} />}
      <h2>Become a patron</h2>
      {tiers.length ? (
        <SupportTiers tiers={tiers} from={f} placement={p} round={r} signedIn={signedIn} refCode={refCode} preselect={preselect} />
      ) : (
        <p>Memberships open soon.</p>
      )}
      <h2>Give once</h2>
      <form method="post" action="/api/checkout" className="support-oneoff">
        <input type="hidden" name="mode" value="payment" />
        <input type="hidden" name="from" value={f} />
        <input type="hidden" name="placement" value={p} />
        <input type="hidden" name="round" value={r} />
        <label htmlFor="oneoff-amount">Amount (at least {min})</label>{' '}
        <input id="oneoff-amount" name="customAmount" inputMode="decimal" required pattern="[0-9]+([.,][0-9]{1,2})?" />{' '}
        <label htmlFor="oneoff-currency">Currency</label>{' '}
        <select id="oneoff-currency" name="currency" defaultValue="usd">
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c.toUpperCase()}
            </option>
          ))}
        </select>{' '}
        <button type="submit" className="button secondary">
          Give once
        </button>
      </form>
      <h2>Questions</h2>
      <dl className="support-faq">
        <dt>Can I cancel any time?</dt>
        <dd>Yes, from your account page. You stay a patron until the end of the period you paid for.</dd>
        <dt>Who handles my card?</dt>
        <dd>Stripe, our payment provider. We never see or store your card number.</dd>
        <dt>What if a payment fails?</dt>
        <dd>We&rsquo;ll email you and keep your membership going for a few days while you update your card.</dd>
      </dl>
      <CtaBeacon kind="support" source={f || r} placement={placement ? p : ''} />
    </section>
  );
}
