/**
 * The one money formatter. Amounts are integers in minor units (cents), as Stripe and the database
 * keep them. Pure functions (no server imports): the dashboard's client charts use them too.
 */

import { INTL_LOCALE, type Locale } from '@/lib/i18n/locales';
import enFormat from '@/messages/en/format.json';
import ukFormat from '@/messages/uk/format.json';

// i18n-keys: format.perMonth format.perYear format.perMonthShort format.perYearShort
// The interval words come from the catalogues (only this small namespace: client charts import this module).
const INTERVAL_WORDS: Readonly<Record<Locale, typeof enFormat>> = { en: enFormat, uk: ukFormat };

/** Currencies written with a symbol; others read "5.00 CHF". */
export const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { usd: '$', eur: '€', gbp: '£' };

const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const wholeUnits = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export type MoneyOptions = {
  /** "€5.00 EUR": the code after the symbol (where a reader may hold cards in several currencies). */
  withCode?: boolean;
  /** "$12,500" rather than "$12,500.00" when there are no cents (the transparency figures). */
  trimZeroCents?: boolean;
  /** The reader's language; other languages than English use Intl's currency format ("5,00 €"). */
  locale?: Locale;
};

const localeFormats = new Map<string, Intl.NumberFormat>();
function localeMoney(locale: Locale, currency: string, fractionDigits: number): Intl.NumberFormat {
  const id = `${locale}|${currency}|${fractionDigits}`;
  let f = localeFormats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], {
      style: 'currency',
      currency: currency.toUpperCase(),
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    localeFormats.set(id, f);
  }
  return f;
}

/** 123450, "usd" → "$1,234.50"; "5.00 CHF" for currencies without a symbol; negatives "−$5.00". */
export function formatMoney(
  minor: number,
  currency: string,
  { withCode = false, trimZeroCents = false, locale = 'en' }: MoneyOptions = {},
): string {
  const c = currency.toLowerCase();
  const abs = Math.abs(minor);
  if (locale !== 'en') return localeMoney(locale, c, trimZeroCents && abs % 100 === 0 ? 0 : 2).format(minor / 100);
  const digits = (trimZeroCents && abs % 100 === 0 ? wholeUnits : twoDecimals).format(abs / 100);
  const sign = minor < 0 ? '−' : '';
  const symbol = CURRENCY_SYMBOLS[c];
  if (!symbol) return `${sign}${digits} ${c.toUpperCase()}`;
  return withCode ? `${sign}${symbol}${digits} ${c.toUpperCase()}` : `${sign}${symbol}${digits}`;
}

/** "per month" / "per year": every recurring amount carries one (readers pay recurring amounts by mistake when it is missing). */
export function perInterval(interval: 'MONTH' | 'YEAR' | 'month' | 'year', locale: Locale = 'en'): string {
  const words = INTERVAL_WORDS[locale];
  return interval.toUpperCase() === 'YEAR' ? words.perYear : words.perMonth;
}

/** "€5.00 per month" (recurring); without an interval, the plain amount (a one-off payment). */
export function formatRecurring(
  minor: number,
  currency: string,
  interval: 'MONTH' | 'YEAR' | 'month' | 'year' | null | undefined,
  opts: MoneyOptions = {},
): string {
  const money = formatMoney(minor, currency, opts);
  return interval ? `${money} ${perInterval(interval, opts.locale)}` : money;
}

/** "€5.00/mo", "€50.00/yr": the short form staff tables use. */
export function formatPerIntervalShort(
  minor: number,
  currency: string,
  interval: 'MONTH' | 'YEAR' | 'month' | 'year',
  locale: Locale = 'en',
): string {
  const words = INTERVAL_WORDS[locale];
  return `${formatMoney(minor, currency, { locale })}/${interval.toUpperCase() === 'YEAR' ? words.perYearShort : words.perMonthShort}`;
}

/** 1250 → "12.50": an amount as typed in a form field or written in a CSV cell (no symbol, no grouping). */
export function minorToMajorString(minor: number): string {
  return (minor / 100).toFixed(2);
}
