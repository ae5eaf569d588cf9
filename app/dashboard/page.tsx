import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { CancellationsSection, cancellationsFigures } from './CancellationsSection';
import { hasRole } from '@/lib/auth/roles';
import { DashboardQueryError, getDashboard, getTopicStats, parseDashboardParams } from '@/lib/analytics/dashboard';
import type { DashboardQuery } from '@/lib/analytics/types';
import { HeadlineCards } from '@/components/dashboard/HeadlineCards';
import { DashboardCharts } from '@/components/dashboard/DashboardCharts';
import { AttributionTables, FunnelTable, RetentionTable } from '@/components/dashboard/DashboardTables';
import { TopicStatsView } from '@/components/dashboard/TopicStatsView';
import { PayFirstFunnelTable, ReferrersTable } from '@/components/dashboard/PayFirstTables';
import { getPayFirstFunnel } from '@/lib/analytics/pay-first-funnel';
import { referrersBetween } from '@/lib/referrals/referrals';
import styles from '@/components/dashboard/dashboard.module.css';
import { InputField, SelectField } from '@/components/staff/Field';
import { filterFieldClasses, FilterForm } from '@/components/staff/FilterForm';
import { NewsletterFigures } from '@/components/newsletters/NewsletterFigures';
import { newsletterFigures } from '@/lib/newsletters/figures';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Supporters' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const RANGES = [
  { value: '3m', label: 'Last 3 months' },
  { value: '6m', label: 'Last 6 months' },
  { value: '12m', label: 'Last 12 months' },
  { value: '24m', label: 'Last 24 months' },
];
const GRANULARITIES = [
  { value: 'month', label: 'Month' },
  { value: 'week', label: 'Week' },
];
const fields = filterFieldClasses(styles);

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const qs = new URLSearchParams(Object.entries(sp).flatMap(([k, v]) => (first(v) ? [[k, first(v)!]] : [])));
  const user = await requireRole('EDITOR', { callbackUrl: `/dashboard${qs.size ? `?${qs}` : ''}` });
  const isAdmin = hasRole(user.role, 'ADMIN');

  // Bad parameters get a message and the default view, never a 500.
  let query: DashboardQuery;
  let paramError: string | null = null;
  try {
    query = parseDashboardParams(sp);
  } catch (err) {
    if (!(err instanceof DashboardQueryError)) throw err;
    paramError = err.message;
    query = parseDashboardParams({});
  }
  const [dashboard, topics, payFirst, referrers, newsletters, cancellations] = await Promise.all([
    isAdmin ? getDashboard(query) : null,
    getTopicStats({ from: query.from, to: query.to }),
    isAdmin ? getPayFirstFunnel(query.from, query.to) : null,
    isAdmin ? referrersBetween(query.from, query.to) : null,
    isAdmin ? newsletterFigures() : null,
    isAdmin ? cancellationsFigures({ from: query.from, to: query.to }) : null,
  ]);
  const toInclusive = new Date(query.to.getTime() - 86_400_000).toISOString().slice(0, 10);
  const custom = Boolean(first(sp.from) || first(sp.to));

  return (
    <main>
      <h1>{isAdmin ? 'Supporters' : 'Topic statistics'}</h1>
      {paramError ? (
        <p className={styles.alert} role="alert">
          {paramError} Showing the default view instead.
        </p>
      ) : null}
      <FilterForm action="/dashboard" label="Period" submitLabel="Show" styles={styles}>
        <SelectField
          id="dash-range"
          label="Range"
          name="range"
          defaultValue={custom ? '' : (first(sp.range) ?? '12m')}
          placeholder={custom ? 'Custom dates' : undefined}
          options={RANGES}
          {...fields.select}
        />
        <InputField
          id="dash-from"
          label="From"
          name="from"
          type="date"
          defaultValue={custom ? query.from.toISOString().slice(0, 10) : ''}
          {...fields.input}
        />
        <InputField id="dash-to" label="To" name="to" type="date" defaultValue={custom ? toInclusive : ''} {...fields.input} />
        {isAdmin ? (
          <>
            <SelectField
              id="dash-granularity"
              label="Per"
              name="granularity"
              defaultValue={query.granularity}
              options={GRANULARITIES}
              {...fields.select}
            />
            <SelectField
              id="dash-currency"
              label="Reporting currency"
              name="currency"
              defaultValue={dashboard!.reportingCurrency}
              options={[...new Set([dashboard!.reportingCurrency, ...Object.keys(dashboard!.rates), ...dashboard!.currencies])]
                .sort()
                .map((c) => ({ value: c, label: c.toUpperCase() }))}
              {...fields.select}
            />
          </>
        ) : null}
      </FilterForm>
      <p className={styles.hint}>
        {query.from.toISOString().slice(0, 10)} to {toInclusive} (UTC), compared with the previous period of equal length
        {dashboard ? ` (${dashboard.previousRange.from} to ${dayBefore(dashboard.previousRange.to)})` : ''}.
      </p>

      {dashboard ? (
        <>
          <h2>Headline figures</h2>
          <HeadlineCards dashboard={dashboard} />
          <h2>Over time</h2>
          <DashboardCharts dashboard={dashboard} />
          <h2>Where patrons come from</h2>
          <FunnelTable funnel={dashboard.funnel} />
          {payFirst ? <PayFirstFunnelTable funnel={payFirst} /> : null}
          <AttributionTables attribution={dashboard.attribution} currency={dashboard.reportingCurrency} />
          {referrers ? <ReferrersTable rows={referrers} /> : null}
          <h2>Retention by participation</h2>
          <RetentionTable retention={dashboard.retention} />
          {cancellations ? <CancellationsSection figures={cancellations} /> : null}
          <p className={styles.hint}>
            Figures computed {dashboard.generatedAt.replace('T', ' ').slice(0, 16)} UTC from the daily rollups. Money in other currencies is
            converted at{' '}
            {Object.entries(dashboard.rates)
              .filter(([c]) => c !== dashboard.reportingCurrency)
              .map(([c, r]) => `1 ${c.toUpperCase()} = ${r} ${dashboard.reportingCurrency.toUpperCase()}`)
              .join(', ') || 'no other rates'}
            . <Link href="/dashboard/members">Members</Link>
          </p>
        </>
      ) : null}
      {newsletters ? (
        <>
          <h2>Newsletters</h2>
          <NewsletterFigures figures={newsletters} />
        </>
      ) : null}
      <h2>Topic rounds</h2>
      <TopicStatsView stats={topics} />
    </main>
  );
}

function dayBefore(isoDay: string): string {
  return new Date(Date.parse(`${isoDay.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
