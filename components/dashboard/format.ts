/** Number formatting for the dashboard (shared by server-rendered tables and the client charts). */
import { CURRENCY_SYMBOLS as SYMBOLS } from '@/lib/billing/config';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const grouped2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export type ValueKind = { kind: 'count' } | { kind: 'money'; currency: string } | { kind: 'rate' };

export function formatCount(n: number): string {
  return grouped.format(n);
}

/** Minor units → "$1,234.50" (or "1,234.50 CHF" for currencies without a symbol here). */
export function formatMoneyMinor(minor: number, currency: string): string {
  const c = currency.toLowerCase();
  const major = grouped2.format(minor / 100);
  const sign = minor < 0 ? '−' : '';
  const abs = grouped2.format(Math.abs(minor) / 100);
  if (SYMBOLS[c]) return `${sign}${SYMBOLS[c]}${abs}`;
  return `${major} ${c.toUpperCase()}`;
}

/** A fraction as a percentage: 0.0523 → "5.2 %". */
export function formatRate(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

export function formatValue(value: number, kind: ValueKind): string {
  if (kind.kind === 'money') return formatMoneyMinor(value, kind.currency);
  if (kind.kind === 'rate') return formatRate(value);
  return formatCount(value);
}
