/** Attribution, funnel and retention tables of the dashboard. */
import type { Attribution, AttributionRow, Funnel, Retention, RetentionGroup } from '@/lib/analytics/types';
import { formatMoney } from '@/lib/format/money';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { formatCount, formatRate } from './format';
import { DataTable, type Column } from '@/components/staff/DataTable';
import styles from './dashboard.module.css';
import { StepTable, tableClasses } from './StepTable';

export function FunnelTable({ funnel, locale = 'en' }: { funnel: Funnel; locale?: Locale }) {
  const t = translator(locale, 'dashboard.funnel');
  const rate = (fraction: number) => formatRate(fraction, locale);
  const steps = [
    { label: t('ctaViews'), value: funnel.ctaViews },
    { label: t('supportVisits'), value: funnel.supportVisits },
    { label: t('checkoutsStarted'), value: funnel.checkoutsStarted },
    { label: t('paid'), value: funnel.paid },
  ];
  return (
    <section aria-labelledby="funnel-title">
      <h3 id="funnel-title">{t('title')}</h3>
      <StepTable
        testId="funnel"
        label={t('title')}
        steps={steps}
        locale={locale}
        rates={[
          {
            header: t('ofStepBefore'),
            numeric: true,
            cell: (s, i) => (i === 0 ? '—' : steps[i - 1]!.value ? rate(s.value / steps[i - 1]!.value) : '—'),
          },
          {
            header: t('ofCtaViews'),
            numeric: true,
            cell: (s, i) => (i === 0 ? '—' : steps[0]!.value ? rate(s.value / steps[0]!.value) : '—'),
          },
        ]}
      />
      <p className={styles.hint}>{t('privacy')}</p>
    </section>
  );
}

const TOP_ROWS = 10;
const ATTRIBUTIONS = ['article', 'section', 'placement', 'round'] as const;
type AttributionKind = (typeof ATTRIBUTIONS)[number];
const ROWS_OF: Record<AttributionKind, keyof Attribution> = {
  article: 'byArticle',
  section: 'bySection',
  placement: 'byPlacement',
  round: 'byRound',
};

function AttributionTable({
  id,
  rows,
  currency,
  locale,
}: {
  id: AttributionKind;
  rows: AttributionRow[];
  currency: string;
  locale: Locale;
}) {
  const t = translator(locale, 'dashboard.attribution');
  const keyHeader = t(`${id}.header`);
  const columns: Column<AttributionRow>[] = [
    { header: keyHeader, rowHeader: true, cell: (r) => (r.key === '' ? t(`${id}.none`) : r.label || t('none')) },
    { header: t('conversions'), numeric: true, cell: (r) => formatCount(r.conversions, locale) },
    { header: t('revenue'), numeric: true, cell: (r) => formatMoney(r.revenue, currency, { locale }) },
  ];
  const rowKey = (r: AttributionRow) => r.key || '(none)';
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(`${id}.title`)}</h3>
      {rows.length ? (
        <>
          <DataTable {...tableClasses} testId={`attribution-${id}`} rows={rows.slice(0, TOP_ROWS)} rowKey={rowKey} columns={columns} />
          {rows.length > TOP_ROWS ? (
            <details className={styles.details}>
              <summary>{t('allRows', { count: rows.length, what: keyHeader.toLowerCase() })}</summary>
              <DataTable {...tableClasses} rows={rows} rowKey={rowKey} columns={columns} />
            </details>
          ) : null}
        </>
      ) : (
        <p className={styles.hint}>{t('noConversions')}</p>
      )}
    </section>
  );
}

export function AttributionTables({
  attribution,
  currency,
  locale = 'en',
}: {
  attribution: Attribution;
  currency: string;
  locale?: Locale;
}) {
  return (
    <div className={styles.grid2}>
      {ATTRIBUTIONS.map((id) => (
        <AttributionTable key={id} id={id} rows={attribution[ROWS_OF[id]]} currency={currency} locale={locale} />
      ))}
    </div>
  );
}

const RETENTION_GROUPS = ['voted', 'neverVoted', 'topicPublished', 'topicNotPublished'] as const satisfies readonly (keyof Retention)[];

export function RetentionTable({ retention, locale = 'en' }: { retention: Retention; locale?: Locale }) {
  const t = translator(locale, 'dashboard.retention');
  const rows: [string, RetentionGroup][] = RETENTION_GROUPS.map((g) => [t(`groups.${g}`), retention[g]]);
  return (
    <DataTable
      {...tableClasses}
      testId="retention"
      rows={rows}
      rowKey={([label]) => label}
      columns={[
        { header: t('who'), rowHeader: true, cell: ([label]) => label },
        { header: t('patrons'), numeric: true, cell: ([, g]) => formatCount(g.patrons, locale) },
        { header: t('churned'), numeric: true, cell: ([, g]) => formatCount(g.churned, locale) },
        { header: t('churnRate'), numeric: true, cell: ([, g]) => (g.churnRate === null ? '—' : formatRate(g.churnRate, locale)) },
      ]}
    />
  );
}
