'use client';

/** The one client component of the dashboard: a recharts line or bar chart. Tables beside it carry the same data. */
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Locale } from '@/lib/i18n/locales';
import { formatValue, type ValueKind } from './format';

export type ChartSeries = { key: string; name: string; color: string };
export type ChartDatum = { label: string } & Record<string, string | number>;

export function SeriesChart({
  type,
  data,
  series,
  valueKind,
  stacked = false,
  locale = 'en',
}: {
  type: 'line' | 'bar';
  data: ChartDatum[];
  series: ChartSeries[];
  valueKind: ValueKind;
  stacked?: boolean;
  /** The language of the axis and tooltip figures. */
  locale?: Locale;
}) {
  const fmt = (v: unknown) => (typeof v === 'number' ? formatValue(v, valueKind, locale) : String(v));
  const axisFmt = (v: number) =>
    valueKind.kind === 'money'
      ? formatValue(Math.round(v / 100) * 100, valueKind, locale).replace(/[.,]00(?=\D*$)/, '')
      : formatValue(v, valueKind, locale);
  const common = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e5e5e5" />
      <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
      <YAxis tick={{ fontSize: 11 }} tickFormatter={axisFmt} width={80} allowDecimals={false} />
      <Tooltip formatter={fmt} />
      {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
    </>
  );
  return (
    // Hidden from assistive tech (the figure's table says the same): no keyboard layer inside, since a
    // focusable element in an aria-hidden subtree is a serious WCAG failure (axe: aria-hidden-focus).
    <div style={{ width: '100%', height: 260 }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        {type === 'line' ? (
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            {common}
            {series.map((s) => (
              <Line
                key={s.key}
                type="monotone"
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        ) : (
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            {common}
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                fill={s.color}
                isAnimationActive={false}
                {...(stacked ? { stackId: 'all' } : {})}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
