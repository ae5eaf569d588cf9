/** Attribution, funnel and retention tables of the dashboard. */
import type { Attribution, AttributionRow, Funnel, Retention, RetentionGroup } from '@/lib/analytics/types';
import { formatMoney } from '@/lib/format/money';
import { formatCount, formatRate } from './format';
import { DataTable } from '@/components/staff/DataTable';
import styles from './dashboard.module.css';

export function FunnelTable({ funnel }: { funnel: Funnel }) {
  const steps = [
    { label: 'Calls to action seen', value: funnel.ctaViews },
    { label: '/support visits', value: funnel.supportVisits },
    { label: 'Checkouts started', value: funnel.checkoutsStarted },
    { label: 'Paid', value: funnel.paid },
  ];
  return (
    <section aria-labelledby="funnel-title">
      <h3 id="funnel-title">Funnel</h3>
      <DataTable
        className={styles.table}
        numericClassName={styles.num}
        testId="funnel"
        label="Funnel"
        rows={steps}
        rowKey={(s) => s.label}
        columns={[
          { header: 'Step', rowHeader: true, cell: (s) => s.label },
          { header: 'Count', numeric: true, cell: (s) => formatCount(s.value) },
          {
            header: 'Of the step before',
            numeric: true,
            cell: (s, i) => (i === 0 ? '—' : steps[i - 1]!.value ? formatRate(s.value / steps[i - 1]!.value) : '—'),
          },
          {
            header: 'Of CTA views',
            numeric: true,
            cell: (s, i) => (i === 0 ? '—' : steps[0]!.value ? formatRate(s.value / steps[0]!.value) : '—'),
          },
        ]}
      />
      <p className={styles.hint}>
        CTA views and visits are counted without cookies or third-party trackers; readers who send Do Not Track are not counted.
      </p>
    </section>
  );
}

const TOP_ROWS = 10;

function AttributionRows({ rows, currency }: { rows: AttributionRow[]; currency: string }) {
  return (
    <>
      {rows.map((r) => (
        <tr key={r.key || '(none)'}>
          <th scope="row">{r.label || 'Direct / none'}</th>
          <td className={styles.num}>{formatCount(r.conversions)}</td>
          <td className={styles.num}>{formatMoney(r.revenue, currency)}</td>
        </tr>
      ))}
    </>
  );
}

function AttributionTable({
  id,
  title,
  keyHeader,
  rows,
  currency,
}: {
  id: string;
  title: string;
  keyHeader: string;
  rows: AttributionRow[];
  currency: string;
}) {
  const head = (
    <thead>
      <tr>
        <th scope="col">{keyHeader}</th>
        <th scope="col" className={styles.num}>
          Conversions
        </th>
        <th scope="col" className={styles.num}>
          Revenue
        </th>
      </tr>
    </thead>
  );
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {rows.length ? (
        <>
          <table className={styles.table} data-testid={`attribution-${id}`}>
            {head}
            <tbody>
              <AttributionRows rows={rows.slice(0, TOP_ROWS)} currency={currency} />
            </tbody>
          </table>
          {rows.length > TOP_ROWS ? (
            <details className={styles.details}>
              <summary>
                All {rows.length} rows ({keyHeader.toLowerCase()})
              </summary>
              <table className={styles.table}>
                {head}
                <tbody>
                  <AttributionRows rows={rows} currency={currency} />
                </tbody>
              </table>
            </details>
          ) : null}
        </>
      ) : (
        <p className={styles.hint}>No conversions in this period.</p>
      )}
    </section>
  );
}

export function AttributionTables({ attribution, currency }: { attribution: Attribution; currency: string }) {
  return (
    <div className={styles.grid2}>
      <AttributionTable id="article" title="By article" keyHeader="Article" rows={attribution.byArticle} currency={currency} />
      <AttributionTable id="section" title="By section" keyHeader="Section" rows={attribution.bySection} currency={currency} />
      <AttributionTable id="placement" title="By CTA placement" keyHeader="Placement" rows={attribution.byPlacement} currency={currency} />
      <AttributionTable id="round" title="By topic round" keyHeader="Round" rows={attribution.byRound} currency={currency} />
    </div>
  );
}

export function RetentionTable({ retention }: { retention: Retention }) {
  const rows: [string, RetentionGroup][] = [
    ['Voted at least once', retention.voted],
    ['Never voted', retention.neverVoted],
    ['A topic they voted for was published', retention.topicPublished],
    ['Voted, but no voted topic published', retention.topicNotPublished],
  ];
  return (
    <table className={styles.table} data-testid="retention">
      <thead>
        <tr>
          <th scope="col">Patrons at period start who…</th>
          <th scope="col" className={styles.num}>
            Patrons
          </th>
          <th scope="col" className={styles.num}>
            Churned in the period
          </th>
          <th scope="col" className={styles.num}>
            Churn rate
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, g]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className={styles.num}>{formatCount(g.patrons)}</td>
            <td className={styles.num}>{formatCount(g.churned)}</td>
            <td className={styles.num}>{g.churnRate === null ? '—' : formatRate(g.churnRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
