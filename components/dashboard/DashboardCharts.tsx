/** The dashboard's charts over the chosen range, each with its table. */
import type { Dashboard, MixRow } from '@/lib/analytics/types';
import { ChartFigure } from './ChartFigure';
import { SeriesChart } from './SeriesChart';
import { formatMoney } from '@/lib/format/money';
import { formatMonthLabel, formatShortDay } from '@/lib/format/dates';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { formatCount, formatRate } from './format';
import styles from './dashboard.module.css';

const COLORS = ['#1d3f72', '#b3261e', '#2e7d32', '#b26a00', '#6a1b9a', '#00838f', '#5d4037', '#455a64'];

/** A chart bucket's name in the staff member's language: "Mar 2026", "Week of 2 Mar 2026". */
export function bucketLabel(start: string, granularity: 'week' | 'month', locale: Locale): string {
  const d = new Date(`${start.slice(0, 10)}T00:00:00Z`);
  if (granularity === 'month') return formatMonthLabel(d, locale);
  return translator(locale, 'dashboard.charts')('weekOf', { day: formatShortDay(d, locale) });
}

export function DashboardCharts({ dashboard, locale = 'en' }: { dashboard: Dashboard; locale?: Locale }) {
  const t = translator(locale, 'dashboard.charts');
  const money = { kind: 'money' as const, currency: dashboard.reportingCurrency };
  const count = { kind: 'count' as const };
  const granularity = dashboard.range.granularity === 'week' ? 'week' : 'month';
  const points = dashboard.series.map((p) => ({ ...p, label: bucketLabel(p.start, granularity, locale) }));
  const common = { locale, labelHeader: t('period'), emptyText: t('noData'), tableText: t('table') };
  return (
    <div className={styles.charts}>
      <ChartFigure
        id="patrons"
        title={t('patrons.title')}
        type="line"
        data={points.map((p) => ({
          label: p.label,
          activePatrons: p.activePatrons,
          payingPatrons: p.payingPatrons,
          trials: p.trials,
          pastDue: p.pastDue,
        }))}
        series={[
          { key: 'activePatrons', name: t('patrons.active'), color: COLORS[0]! },
          { key: 'payingPatrons', name: t('patrons.paying'), color: COLORS[2]! },
          { key: 'trials', name: t('patrons.trials'), color: COLORS[3]! },
          { key: 'pastDue', name: t('patrons.pastDue'), color: COLORS[1]! },
        ]}
        valueKind={count}
        {...common}
      />
      <ChartFigure
        id="mrr"
        title={t('mrr.title', { currency: dashboard.reportingCurrency.toUpperCase() })}
        type="line"
        data={points.map((p) => ({ label: p.label, mrr: p.mrr }))}
        series={[{ key: 'mrr', name: t('mrr.series'), color: COLORS[0]! }]}
        valueKind={money}
        {...common}
      />
      <ChartFigure
        id="flows"
        title={t('flows.title', { per: granularity })}
        type="bar"
        data={points.map((p) => ({ label: p.label, newPatrons: p.newPatrons, reactivated: p.reactivated, churned: p.churned }))}
        series={[
          { key: 'newPatrons', name: t('flows.new'), color: COLORS[2]! },
          { key: 'reactivated', name: t('flows.reactivated'), color: COLORS[5]! },
          { key: 'churned', name: t('flows.churned'), color: COLORS[1]! },
        ]}
        valueKind={count}
        {...common}
      />
      <ChartFigure
        id="revenue"
        title={t('revenue.title', { per: granularity })}
        type="bar"
        data={points.map((p) => ({ label: p.label, revenue: p.revenue }))}
        series={[{ key: 'revenue', name: t('revenue.series'), color: COLORS[0]! }]}
        valueKind={money}
        {...common}
      />
      <MixFigure
        id="tier-mix"
        title={t('mix.tierTitle')}
        rows={dashboard.tierMix}
        currency={dashboard.reportingCurrency}
        labelHeader={t('mix.tier')}
        labelOf={(r) => (r.key === '' ? t('mix.unknownTier') : r.label)}
        locale={locale}
      />
      <MixFigure
        id="cadence-mix"
        title={t('mix.cadenceTitle')}
        rows={dashboard.cadenceMix}
        currency={dashboard.reportingCurrency}
        labelHeader={t('mix.cadence')}
        labelOf={(r) => (r.key === 'YEAR' ? t('mix.yearly') : r.key === 'MONTH' ? t('mix.monthly') : r.label)}
        locale={locale}
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
  labelOf,
  locale,
}: {
  id: string;
  title: string;
  rows: MixRow[];
  currency: string;
  labelHeader: string;
  labelOf: (row: MixRow) => string;
  locale: Locale;
}) {
  const t = translator(locale, 'dashboard.charts');
  const total = rows.reduce((s, r) => s + r.patrons, 0);
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-title`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {rows.length ? (
        <SeriesChart
          type="bar"
          data={rows.map((r) => ({ label: labelOf(r), patrons: r.patrons }))}
          series={[{ key: 'patrons', name: t('mix.patrons'), color: COLORS[0]! }]}
          valueKind={{ kind: 'count' }}
          locale={locale}
        />
      ) : (
        <p className={styles.hint}>{t('mix.none')}</p>
      )}
      <details className={styles.details}>
        <summary>{t('table')}</summary>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" className={styles.num}>
                {t('mix.patrons')}
              </th>
              <th scope="col" className={styles.num}>
                {t('mix.share')}
              </th>
              <th scope="col" className={styles.num}>
                {t('mix.mrr')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{labelOf(r)}</th>
                <td className={styles.num}>{formatCount(r.patrons, locale)}</td>
                <td className={styles.num}>{total ? formatRate(r.patrons / total, locale) : '—'}</td>
                <td className={styles.num}>{formatMoney(r.mrr, currency, { locale })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
