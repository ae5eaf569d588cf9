/**
 * Counts and percentages in a language: "1,234" and "5.2 %" in English, "1 234" and "5,2%" in
 * Ukrainian. Pure functions (no server imports): the dashboard's client charts use them too.
 */
import { INTL_LOCALE, type Locale } from '@/lib/i18n/locales';

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, kind: 'count' | 'percent'): Intl.NumberFormat {
  const id = `${locale}|${kind}`;
  let f = formats.get(id);
  if (!f) {
    f = new Intl.NumberFormat(
      INTL_LOCALE[locale],
      kind === 'count' ? { maximumFractionDigits: 0 } : { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 },
    );
    formats.set(id, f);
  }
  return f;
}

/** 1234 → "1,234" (en), "1 234" (uk). */
export function formatCount(n: number, locale: Locale = 'en'): string {
  return numberFormat(locale, 'count').format(n);
}

/** A fraction as a percentage with one decimal: 0.0523 → "5.2 %" (en, the dashboard's long-standing form), "5,2%" (uk). */
export function formatPercent(fraction: number, locale: Locale = 'en'): string {
  if (locale === 'en') return `${(fraction * 100).toFixed(1)} %`;
  return numberFormat(locale, 'percent').format(fraction);
}

/** A number with one decimal: 5.23 → "5.2" (en), "5,2" (uk) (percentage points, exchange rates). */
export function formatDecimal(n: number, locale: Locale = 'en', fractionDigits = 1): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
    useGrouping: false,
  }).format(n);
}
