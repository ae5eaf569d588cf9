/** A chart with the table behind it (for screen readers and copying): the chart is hidden from assistive tech. */
import { SeriesChart, type ChartDatum, type ChartSeries } from './SeriesChart';
import { formatValue, type ValueKind } from './format';
import type { Locale } from '@/lib/i18n/locales';
import styles from './dashboard.module.css';

export function ChartFigure({
  id,
  title,
  type,
  data,
  series,
  valueKind,
  stacked,
  labelHeader = 'Period',
  emptyText = 'No data in this range.',
  tableText = 'Table',
  locale = 'en',
}: {
  id: string;
  title: string;
  type: 'line' | 'bar';
  data: ChartDatum[];
  series: ChartSeries[];
  valueKind: ValueKind;
  stacked?: boolean;
  labelHeader?: string;
  /** What shows instead of the chart when there is no data, and the table's disclosure (in the staff member's language). */
  emptyText?: string;
  tableText?: string;
  locale?: Locale;
}) {
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {data.length ? (
        <SeriesChart type={type} data={data} series={series} valueKind={valueKind} stacked={stacked} locale={locale} />
      ) : (
        <p className={styles.hint}>{emptyText}</p>
      )}
      <details className={styles.details}>
        <summary>{tableText}</summary>
        <table className={styles.table}>
          <caption className={styles.visuallyHidden}>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              {series.map((s) => (
                <th key={s.key} scope="col" className={styles.num}>
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((d, i) => (
              <tr key={`${d.label}-${i}`}>
                <th scope="row">{d.label}</th>
                {series.map((s) => (
                  <td key={s.key} className={styles.num}>
                    {typeof d[s.key] === 'number' ? formatValue(d[s.key] as number, valueKind, locale) : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
