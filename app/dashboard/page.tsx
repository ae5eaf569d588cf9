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
import { say } from '@/lib/i18n/sentence';
import { staffLocale, staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { formatStaffDay, formatStaffMinute } from '@/lib/format/dates';
import { formatDecimal } from '@/lib/format/numbers';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('dashboard.page.title');

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const RANGES = [3, 6, 12, 24] as const;
const fields = filterFieldClasses(styles);

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const qs = new URLSearchParams(Object.entries(sp).flatMap(([k, v]) => (first(v) ? [[k, first(v)!]] : [])));
  const user = await requireRole('EDITOR', { callbackUrl: `/dashboard${qs.size ? `?${qs}` : ''}` });
  const isAdmin = hasRole(user.role, 'ADMIN');
  const locale = await staffLocale();
  const t = await staffTranslator('dashboard');
  const day = (d: Date) => formatStaffDay(d, locale);

  // Bad parameters get a message and the default view, never a 500.
  let query: DashboardQuery;
  let paramError: string | null = null;
  try {
    query = parseDashboardParams(sp);
  } catch (err) {
    if (!(err instanceof DashboardQueryError)) throw err;
    paramError = err.sentences.map((s) => say(locale, s)).join(' ');
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
  const period = { from: day(query.from), to: day(new Date(`${toInclusive}T00:00:00Z`)) };
  const custom = Boolean(first(sp.from) || first(sp.to));

  return (
    <main>
      <h1>{isAdmin ? t('page.title') : t('page.topicStatistics')}</h1>
      {paramError ? (
        <p className={styles.alert} role="alert">
          {paramError} {t('page.defaultView')}
        </p>
      ) : null}
      <FilterForm action="/dashboard" label={t('filters.label')} submitLabel={t('filters.submit')} styles={styles}>
        <SelectField
          id="dash-range"
          label={t('filters.range')}
          name="range"
          defaultValue={custom ? '' : (first(sp.range) ?? '12m')}
          placeholder={custom ? t('filters.customDates') : undefined}
          options={RANGES.map((months) => ({ value: `${months}m`, label: t('filters.lastMonths', { months }) }))}
          {...fields.select}
        />
        <InputField
          id="dash-from"
          label={t('filters.from')}
          name="from"
          type="date"
          defaultValue={custom ? query.from.toISOString().slice(0, 10) : ''}
          {...fields.input}
        />
        <InputField id="dash-to" label={t('filters.to')} name="to" type="date" defaultValue={custom ? toInclusive : ''} {...fields.input} />
        {isAdmin ? (
          <>
            <SelectField
              id="dash-granularity"
              label={t('filters.per')}
              name="granularity"
              defaultValue={query.granularity}
              options={[
                { value: 'month', label: t('filters.month') },
                { value: 'week', label: t('filters.week') },
              ]}
              {...fields.select}
            />
            <SelectField
              id="dash-currency"
              label={t('filters.currency')}
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
        {dashboard
          ? t('page.periodWithPrevious', {
              ...period,
              previousFrom: day(new Date(`${dashboard.previousRange.from.slice(0, 10)}T00:00:00Z`)),
              previousTo: day(new Date(`${dayBefore(dashboard.previousRange.to)}T00:00:00Z`)),
            })
          : t('page.period', period)}
      </p>

      {dashboard ? (
        <>
          <h2>{t('page.headline')}</h2>
          <HeadlineCards dashboard={dashboard} locale={locale} />
          <h2>{t('page.overTime')}</h2>
          <DashboardCharts dashboard={dashboard} locale={locale} />
          <h2>{t('page.sources')}</h2>
          <FunnelTable funnel={dashboard.funnel} locale={locale} />
          {payFirst ? <PayFirstFunnelTable funnel={payFirst} locale={locale} /> : null}
          <AttributionTables attribution={dashboard.attribution} currency={dashboard.reportingCurrency} locale={locale} />
          {referrers ? <ReferrersTable rows={referrers} locale={locale} /> : null}
          <h2>{t('page.retention')}</h2>
          <RetentionTable retention={dashboard.retention} locale={locale} />
          {cancellations ? <CancellationsSection figures={cancellations} locale={locale} /> : null}
          <p className={styles.hint}>
            {t('page.computed', {
              at: formatStaffMinute(new Date(dashboard.generatedAt), locale),
              rates:
                Object.entries(dashboard.rates)
                  .filter(([c]) => c !== dashboard.reportingCurrency)
                  .map(([c, r]) => `1 ${c.toUpperCase()} = ${formatRateValue(r, locale)} ${dashboard.reportingCurrency.toUpperCase()}`)
                  .join(', ') || t('page.noOtherRates'),
            })}{' '}
            <Link href="/dashboard/members">{t('page.membersLink')}</Link>
          </p>
        </>
      ) : null}
      {newsletters ? (
        <>
          <h2>{t('page.newsletters')}</h2>
          <NewsletterFigures figures={newsletters} locale={locale} />
        </>
      ) : null}
      <h2>{t('page.topicRounds')}</h2>
      <TopicStatsView stats={topics} locale={locale} />
    </main>
  );
}

/** An exchange rate as configured ("1.08"), with the language's decimal mark. */
function formatRateValue(rate: number, locale: Parameters<typeof formatDecimal>[1]): string {
  const decimals = Math.min(6, (String(rate).split('.')[1] ?? '').length);
  return formatDecimal(rate, locale, decimals);
}

function dayBefore(isoDay: string): string {
  return new Date(Date.parse(`${isoDay.slice(0, 10)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
