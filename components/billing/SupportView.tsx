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
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

const clean = (s: string | undefined) => (s ?? '').replace(/[^\w\-./:]/g, '').slice(0, 200);

export function SupportView({
  locale,
  tiers,
  signedIn,
  from,
  placement,
  round,
  refCode,
  preselect,
}: {
  locale: Locale;
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
  const callbackUrl = localePath(locale, `/support${query ? `?${query}` : ''}`);
  const t = translator(locale, 'membership.view');
  const currencies = billingCurrencies();
  const min = minorToMajorString(oneOffMinimum());
  return (
    <section aria-labelledby="support-heading">
      <h2 id="support-heading">{t('heading')}</h2>
      <p>{t('intro')}</p>
      {!signedIn && <SupportSignIn callbackUrl={callbackUrl} />}
      <h2>{t('becomePatron')}</h2>
      {tiers.length ? (
        <SupportTiers tiers={tiers} from={f} placement={p} round={r} signedIn={signedIn} refCode={refCode} preselect={preselect} />
      ) : (
        <p>{t('soon')}</p>
      )}
      <h2>{t('giveOnce')}</h2>
      <form method="post" action="/api/checkout" className="support-oneoff">
        <input type="hidden" name="mode" value="payment" />
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="from" value={f} />
        <input type="hidden" name="placement" value={p} />
        <input type="hidden" name="round" value={r} />
        <label htmlFor="oneoff-amount">{t('amount', { min })}</label>{' '}
        <input id="oneoff-amount" name="customAmount" inputMode="decimal" required pattern="[0-9]+([.,][0-9]{1,2})?" />{' '}
        <label htmlFor="oneoff-currency">{t('currency')}</label>{' '}
        <select id="oneoff-currency" name="currency" defaultValue="usd">
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c.toUpperCase()}
            </option>
          ))}
        </select>{' '}
        <button type="submit" className="button secondary">
          {t('giveOnceButton')}
        </button>
      </form>
      <h2>{t('faqHeading')}</h2>
      <dl className="support-faq">
        <dt>{t('faqCancelQ')}</dt>
        <dd>{t('faqCancelA')}</dd>
        <dt>{t('faqCardQ')}</dt>
        <dd>{t('faqCardA')}</dd>
        <dt>{t('faqFailQ')}</dt>
        <dd>{t('faqFailA')}</dd>
      </dl>
      <CtaBeacon kind="support" source={f || r} placement={placement ? p : ''} />
    </section>
  );
}
