/** Attribution, funnel and retention tables of the dashboard. */
import type { Attribution, AttributionRow, Funnel, Retention, RetentionGroup } from '@/lib/analytics/types';
import { formatMoney } from '@/lib/format/money';
import { formatCount, formatRate } from './format';
import { DataTable, type Column } from '@/components/staff/DataTable';
import styles from './dashboard.module.css';
import { StepTable, tableClasses } from './StepTable';

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
      <StepTable
        testId="funnel"
        label="Funnel"
        steps={steps}
        rates={[
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
  const columns: Column<AttributionRow>[] = [
    { header: keyHeader, rowHeader: true, cell: (r) => r.label || 'Direct / none' },
    { header: 'Conversions', numeric: true, cell: (r) => formatCount(r.conversions) },
    { header: 'Revenue', numeric: true, cell: (r) => formatMoney(r.revenue, currency) },
  ];
  const rowKey = (r: AttributionRow) => r.key || '(none)';
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {rows.length ? (
        <>
          <DataTable {...tableClasses} testId={`attribution-${id}`} rows={rows.slice(0, TOP_ROWS)} rowKey={rowKey} columns={columns} />
          {rows.length > TOP_ROWS ? (
            <details className={styles.details}>
              <summary>
                All {rows.length} rows ({keyHeader.toLowerCase()})
              </summary>
              <DataTable {...tableClasses} rows={rows} rowKey={rowKey} columns={columns} />
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
    <DataTable
      {...tableClasses}
      testId="retention"
      rows={rows}
      rowKey={([label]) => label}
      columns={[
        { header: 'Patrons at period start who…', rowHeader: true, cell: ([label]) => label },
        { header: 'Patrons', numeric: true, cell: ([, g]) => formatCount(g.patrons) },
        { header: 'Churned in the period', numeric: true, cell: ([, g]) => formatCount(g.churned) },
        { header: 'Churn rate', numeric: true, cell: ([, g]) => (g.churnRate === null ? '—' : formatRate(g.churnRate)) },
      ]}
    />
  );
}
