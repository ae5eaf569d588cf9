/** Number formatting for the dashboard (shared by server-rendered tables and the client charts). Money: lib/format/money.ts. */
import { formatMoney } from '@/lib/format/money';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export type ValueKind = { kind: 'count' } | { kind: 'money'; currency: string } | { kind: 'rate' };

export function formatCount(n: number): string {
  return grouped.format(n);
}

/** A fraction as a percentage: 0.0523 → "5.2 %". */
export function formatRate(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

export function formatValue(value: number, kind: ValueKind): string {
  if (kind.kind === 'money') return formatMoney(value, kind.currency);
  if (kind.kind === 'rate') return formatRate(value);
  return formatCount(value);
}
