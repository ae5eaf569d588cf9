import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import {
  memberFilterOptions,
  MemberQueryError,
  memberQueryToParams,
  parseMemberQuery,
  searchMembers,
  STATUS_FILTER_OPTIONS,
  type MemberPage,
  type MemberQuery,
} from '@/lib/members/members';
import { formatPerIntervalShort } from '@/lib/format/money';
import { formatStaffDay } from '@/lib/format/dates';
import { formatCount } from '@/lib/format/numbers';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { staffLocale, staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import styles from '@/components/dashboard/dashboard.module.css';
import { InputField, SelectField, type Option } from '@/components/staff/Field';
import { filterFieldClasses, FilterForm } from '@/components/staff/FilterForm';

const { input: fieldStyles, select: selectStyles } = filterFieldClasses(styles);

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('dashboard.members.title');

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

type SortColumn = 'joined' | 'email' | 'name' | 'amount';

export default async function MembersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, first(v) ?? '']));
  const qs = new URLSearchParams(Object.entries(raw).filter(([, v]) => v));
  await requireRole('ADMIN', { callbackUrl: `/dashboard/members${qs.size ? `?${qs}` : ''}` });
  const locale = await staffLocale();
  const t = await staffTranslator('dashboard.members');

  let query: MemberQuery | null = null;
  let error: string | null = null;
  try {
    query = parseMemberQuery(sp);
  } catch (err) {
    if (!(err instanceof MemberQueryError)) throw err;
    error = errorMessageIn(err, locale);
  }
  const [options, result] = await Promise.all([
    memberFilterOptions(),
    query ? searchMembers(query) : Promise.resolve<MemberPage | null>(null),
  ]);
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const exportParams = query ? memberQueryToParams(query, { page: undefined }) : null;
  exportParams?.delete('page');
  const sortHref = (sort: SortColumn) => {
    const dir = query?.sort === sort ? (query.dir === 'asc' ? 'desc' : 'asc') : sort === 'joined' || sort === 'amount' ? 'desc' : 'asc';
    const p = query ? memberQueryToParams(query, { sort, dir }) : new URLSearchParams({ sort, dir });
    p.delete('page');
    return `/dashboard/members?${p}`;
  };
  const filter = (
    name: 'status' | 'tier' | 'cadence' | 'currency' | 'voted',
    label: string,
    placeholder: string,
    opts: readonly Option[],
  ) => (
    <SelectField
      id={`m-${name}`}
      label={label}
      name={name}
      defaultValue={raw[name] ?? ''}
      placeholder={placeholder}
      options={opts}
      {...selectStyles}
    />
  );
  const sortMark = (sort: SortColumn) => (query?.sort === sort ? (query.dir === 'asc' ? ' ▲' : ' ▼') : '');
  const ariaSort = (sort: SortColumn) => (query?.sort === sort ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined);
  // A column header that sorts by its column (and says how the list is sorted now).
  const sortableHeader = (sort: SortColumn, label: string, className?: string) => (
    <th scope="col" className={className} aria-sort={ariaSort(sort)}>
      <Link href={sortHref(sort)}>
        {label}
        {sortMark(sort)}
      </Link>
    </th>
  );

  return (
    <main>
      <h1>{t('title')}</h1>
      <p>
        <Link href="/dashboard/members/import">{t('importLink')}</Link>
      </p>
      <FilterForm
        action="/dashboard/members"
        label={t('filters.label')}
        submitLabel={t('filters.submit')}
        clearLabel={t('filters.clear')}
        search
        primary
        clearHref="/dashboard/members"
        hidden={{ sort: query?.sort ?? 'joined', dir: query?.dir ?? 'desc' }}
        styles={styles}
      >
        <InputField id="m-q" label={t('filters.q')} name="q" type="search" defaultValue={raw.q ?? ''} {...fieldStyles} />
        {filter(
          'status',
          t('filters.status'),
          t('filters.anyStatus'),
          STATUS_FILTER_OPTIONS.map((o) => ({ value: o.value, label: t(`statusFilter.${o.value}` as 'statusFilter.patron') })),
        )}
        {filter(
          'tier',
          t('filters.tier'),
          t('filters.anyTier'),
          options.tiers.map((tier) => ({ value: tier.slug, label: tier.name })),
        )}
        {filter('cadence', t('filters.cadence'), t('filters.any'), [
          { value: 'month', label: t('filters.monthly') },
          { value: 'year', label: t('filters.yearly') },
        ])}
        {filter(
          'currency',
          t('filters.currency'),
          t('filters.any'),
          options.currencies.map((c) => ({ value: c, label: c.toUpperCase() })),
        )}
        <InputField
          id="m-from"
          label={t('filters.joinedFrom')}
          name="joinedFrom"
          type="date"
          defaultValue={raw.joinedFrom ?? ''}
          {...fieldStyles}
        />
        <InputField
          id="m-to"
          label={t('filters.joinedTo')}
          name="joinedTo"
          type="date"
          defaultValue={raw.joinedTo ?? ''}
          {...fieldStyles}
        />
        {filter('voted', t('filters.voted'), t('filters.either'), [
          { value: 'yes', label: t('filters.hasVoted') },
          { value: 'no', label: t('filters.neverVoted') },
        ])}
      </FilterForm>

      {error ? (
        <p className={styles.alert} role="alert">
          {error}
        </p>
      ) : null}

      {result && query ? (
        <>
          <p aria-live="polite" data-testid="member-total" data-total={result.total}>
            {t('total', { count: result.total })}{' '}
            {result.total > 0 ? (
              <a href={`/api/dashboard/members.csv?${exportParams}`} className={styles.secondary} download>
                {t('export')}
              </a>
            ) : null}
          </p>
          {result.rows.length ? (
            <table className={styles.table} data-testid="members">
              <thead>
                <tr>
                  {sortableHeader('email', t('columns.email'))}
                  {sortableHeader('name', t('columns.name'))}
                  <th scope="col">{t('columns.status')}</th>
                  <th scope="col">{t('columns.tier')}</th>
                  {sortableHeader('amount', t('columns.amount'), styles.num)}
                  {sortableHeader('joined', t('columns.joined'))}
                  <th scope="col">{t('columns.voted')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link href={`/dashboard/members/${m.id}`}>{m.email}</Link>
                    </td>
                    <td>{m.name ?? '—'}</td>
                    <td>
                      <span className={styles.status} data-patron={m.isPatron}>
                        {t(`states.${m.status}`)}
                      </span>
                    </td>
                    <td>{m.tier?.name ?? '—'}</td>
                    <td className={styles.num}>
                      {m.amount !== null && m.currency ? formatPerIntervalShort(m.amount, m.currency, m.cadence ?? 'MONTH', locale) : '—'}
                    </td>
                    <td>{formatStaffDay(m.joinedAt, locale)}</td>
                    <td>{m.voted ? t('yes') : t('no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {pages > 1 ? (
            <nav className={styles.pager} aria-label={t('pager.label')}>
              {result.previous ? (
                <Link href={`/dashboard/members?${memberQueryToParams(query, { page: String(query.page - 1), before: result.previous })}`}>
                  {t('pager.previous')}
                </Link>
              ) : null}
              <span>{t('pager.page', { page: query.page, pages: formatCount(pages, locale) })}</span>
              {result.next ? (
                <Link href={`/dashboard/members?${memberQueryToParams(query, { page: String(query.page + 1), after: result.next })}`}>
                  {t('pager.next')}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </main>
  );
}
