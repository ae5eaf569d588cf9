/** A chart with the table behind it (for screen readers and copying): the chart is hidden from assistive tech. */
import { SeriesChart, type ChartDatum, type ChartSeries } from './SeriesChart';
import { formatValue, type ValueKind } from './format';
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
}: {
  id: string;
  title: string;
  type: 'line' | 'bar';
  data: ChartDatum[];
  series: ChartSeries[];
  valueKind: ValueKind;
  stacked?: boolean;
  labelHeader?: string;
}) {
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {data.length ? (
        <SeriesChart type={type} data={data} series={series} valueKind={valueKind} stacked={stacked} />
      ) : (
        <p className={styles.hint}>No data in this range.</p>
      )}
      <details className={styles.details}>
        <summary>Table</summary>
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
                    {typeof d[s.key] === 'number' ? formatValue(d[s.key] as number, valueKind) : '—'}
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
