/**
 * Dashboard settings: the reporting currency (REPORTING_CURRENCY, default usd) and exchange rates
 * (EXCHANGE_RATES like "EUR=1.08,GBP=1.27": 1 EUR = 1.08 units of the reporting currency).
 * Without EXCHANGE_RATES, rates come from DEFAULT_USD_RATES (rough values, in US dollars), crossed
 * through the dollar when the reporting currency is not USD.
 */
type Env = Record<string, string | undefined>;

/** 1 unit of the key currency in US dollars (defaults when EXCHANGE_RATES is not set). */
export const DEFAULT_USD_RATES: Record<string, number> = { usd: 1, eur: 1.08, gbp: 1.27, chf: 1.13, cad: 0.73, aud: 0.66 };

export function reportingCurrency(env: Env = process.env): string {
  const c = env.REPORTING_CURRENCY?.trim().toLowerCase();
  return c && /^[a-z]{3}$/.test(c) ? c : 'usd';
}

/** Rates into the reporting currency: 1 unit of key = rate units of `reportingCurrency(env)`. */
export function exchangeRates(env: Env = process.env): Record<string, number> {
  const reporting = reportingCurrency(env);
  const raw = env.EXCHANGE_RATES?.trim();
  const rates: Record<string, number> = {};
  if (raw) {
    for (const part of raw.split(',')) {
      const m = /^\s*([A-Za-z]{3})\s*=\s*([0-9]*\.?[0-9]+)\s*$/.exec(part);
      if (!m) throw new Error(`EXCHANGE_RATES: "${part.trim()}" is not like EUR=1.08`);
      const rate = Number(m[2]);
      if (!(rate > 0)) throw new Error(`EXCHANGE_RATES: the rate of ${m[1]} must be positive`);
      rates[m[1]!.toLowerCase()] = rate;
    }
  } else {
    const base = DEFAULT_USD_RATES[reporting];
    if (base) for (const [c, usd] of Object.entries(DEFAULT_USD_RATES)) rates[c] = usd / base;
  }
  rates[reporting] = 1;
  return rates;
}

/**
 * Rates into `target` given rates into the configured reporting currency (crossed through it).
 * Currencies without a rate are left out: their amounts are shown per currency but not converted.
 */
export function ratesInto(target: string, rates: Record<string, number>): Record<string, number> | null {
  const t = rates[target];
  if (!t) return null;
  return Object.fromEntries(Object.entries(rates).map(([c, r]) => [c, r / t]));
}

/** Converts minor units of `currency` into the reporting currency's minor units (rounded); 0 without a rate. */
export function convert(amount: number, currency: string, rates: Record<string, number>): number {
  const r = rates[currency];
  return r ? Math.round(amount * r) : 0;
}
