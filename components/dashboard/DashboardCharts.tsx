/** The dashboard's charts over the chosen range, each with its table. */
import type { Dashboard, MixRow } from '@/lib/analytics/types';
import { ChartFigure } from './ChartFigure';
import { SeriesChart } from './SeriesChart';
import { formatMoney } from '@/lib/format/money';
import styles from './dashboard.module.css';

const COLORS = ['#1d3f72', '#b3261e', '#2e7d32', '#b26a00', '#6a1b9a', '#00838f', '#5d4037', '#455a64'];

export function DashboardCharts({ dashboard }: { dashboard: Dashboard }) {
  const money = { kind: 'money' as const, currency: dashboard.reportingCurrency };
  const count = { kind: 'count' as const };
  const points = dashboard.series.map((p) => ({ ...p, label: p.label }));
  const per = dashboard.range.granularity === 'week' ? 'week' : 'month';
  return (
    <div className={styles.charts}>
      <ChartFigure
        id="patrons"
        title="Active patrons"
        type="line"
        data={points.map((p) => ({
          label: p.label,
          activePatrons: p.activePatrons,
          payingPatrons: p.payingPatrons,
          trials: p.trials,
          pastDue: p.pastDue,
        }))}
        series={[
          { key: 'activePatrons', name: 'Active patrons', color: COLORS[0]! },
          { key: 'payingPatrons', name: 'Paying', color: COLORS[2]! },
          { key: 'trials', name: 'Trials', color: COLORS[3]! },
          { key: 'pastDue', name: 'Past due', color: COLORS[1]! },
        ]}
        valueKind={count}
      />
      <ChartFigure
        id="mrr"
        title={`MRR (${dashboard.reportingCurrency.toUpperCase()})`}
        type="line"
        data={points.map((p) => ({ label: p.label, mrr: p.mrr }))}
        series={[{ key: 'mrr', name: 'MRR', color: COLORS[0]! }]}
        valueKind={money}
      />
      <ChartFigure
        id="flows"
        title={`New against churned per ${per}`}
        type="bar"
        data={points.map((p) => ({ label: p.label, newPatrons: p.newPatrons, reactivated: p.reactivated, churned: p.churned }))}
        series={[
          { key: 'newPatrons', name: 'New', color: COLORS[2]! },
          { key: 'reactivated', name: 'Reactivated', color: COLORS[5]! },
          { key: 'churned', name: 'Churned', color: COLORS[1]! },
        ]}
        valueKind={count}
      />
      <ChartFigure
        id="revenue"
        title={`Revenue per ${per} (payments minus refunds)`}
        type="bar"
        data={points.map((p) => ({ label: p.label, revenue: p.revenue }))}
        series={[{ key: 'revenue', name: 'Revenue', color: COLORS[0]! }]}
        valueKind={money}
      />
      <MixFigure
        id="tier-mix"
        title="Tier mix (patrons now)"
        rows={dashboard.tierMix}
        currency={dashboard.reportingCurrency}
        labelHeader="Tier"
      />
      <MixFigure
        id="cadence-mix"
        title="Cadence mix (patrons now)"
        rows={dashboard.cadenceMix}
        currency={dashboard.reportingCurrency}
        labelHeader="Cadence"
      />
    </div>
  );
}

function MixFigure({
  id,
  title,
  rows,
  currency,
  labelHeader,
}: {
  id: string;
  title: string;
  rows: MixRow[];
  currency: string;
  labelHeader: string;
}) {
  const total = rows.reduce((s, r) => s + r.patrons, 0);
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {rows.length ? (
        <SeriesChart
          type="bar"
          data={rows.map((r) => ({ label: r.label, patrons: r.patrons }))}
          series={[{ key: 'patrons', name: 'Patrons', color: COLORS[0]! }]}
          valueKind={{ kind: 'count' }}
        />
      ) : (
        <p className={styles.hint}>No patrons.</p>
      )}
      <details className={styles.details}>
        <summary>Table</summary>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" className={styles.num}>
                Patrons
              </th>
              <th scope="col" className={styles.num}>
                Share
              </th>
              <th scope="col" className={styles.num}>
                MRR
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className={styles.num}>{r.patrons}</td>
                <td className={styles.num}>{total ? `${((r.patrons / total) * 100).toFixed(1)} %` : '—'}</td>
                <td className={styles.num}>{formatMoney(r.mrr, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
