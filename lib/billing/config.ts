/** Billing settings read from the environment. */
type Env = Record<string, string | undefined>;

/** Days a past_due subscription still counts as a patron (PATRON_GRACE_DAYS, default 7). */
export function graceDays(env: Env = process.env): number {
  const raw = env.PATRON_GRACE_DAYS?.trim();
  if (!raw) return 7;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : 7;
}

/** Currencies tiers are priced in: always usd and eur, plus BILLING_CURRENCIES (e.g. "usd,eur,gbp"). */
export function billingCurrencies(env: Env = process.env): string[] {
  const extra = (env.BILLING_CURRENCIES ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => /^[a-z]{3}$/.test(c));
  return [...new Set(['usd', 'eur', ...extra])];
}

/** Smallest one-off contribution, in minor units (ONE_OFF_MINIMUM, default 100 = 1.00). */
export function oneOffMinimum(env: Env = process.env): number {
  const n = Number(env.ONE_OFF_MINIMUM?.trim() || 100);
  return Number.isInteger(n) && n > 0 ? n : 100;
}

/** Largest amount we accept in a checkout (minor units), to catch typos like 50000000. */
export const MAX_AMOUNT = 1_000_000_00;
