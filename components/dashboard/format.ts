/** Number formatting for the dashboard (shared by server-rendered tables and the client charts). Money: lib/format/money.ts. */
import type { Locale } from '@/lib/i18n/locales';
import { formatMoney } from '@/lib/format/money';
import { formatCount as count, formatPercent } from '@/lib/format/numbers';

export type ValueKind = { kind: 'count' } | { kind: 'money'; currency: string } | { kind: 'rate' };

export function formatCount(n: number, locale: Locale = 'en'): string {
  return count(n, locale);
}

/** A fraction as a percentage: 0.0523 → "5.2 %" (en), "5,2%" (uk). */
export function formatRate(fraction: number, locale: Locale = 'en'): string {
  return formatPercent(fraction, locale);
}

export function formatValue(value: number, kind: ValueKind, locale: Locale = 'en'): string {
  if (kind.kind === 'money') return formatMoney(value, kind.currency, { locale });
  if (kind.kind === 'rate') return formatRate(value, locale);
  return formatCount(value, locale);
}
