import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import {
  memberFilterOptions,
  MemberQueryError,
  memberQueryToParams,
  parseMemberQuery,
  searchMembers,
  STATE_LABEL,
  STATUS_FILTER_OPTIONS,
  type MemberPage,
  type MemberQuery,
} from '@/lib/members/members';
import { formatPerIntervalShort } from '@/lib/format/money';
import { formatIsoDay } from '@/lib/format/dates';
import styles from '@/components/dashboard/dashboard.module.css';
import { InputField, SelectField, type Option } from '@/components/staff/Field';
import { filterFieldClasses, FilterForm } from '@/components/staff/FilterForm';

const CADENCES = [
  { value: 'month', label: 'Monthly' },
  { value: 'year', label: 'Yearly' },
];
const VOTED = [
  { value: 'yes', label: 'Has voted' },
  { value: 'no', label: 'Never voted' },
];
const { input: fieldStyles, select: selectStyles } = filterFieldClasses(styles);

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Members' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

type SortColumn = 'joined' | 'email' | 'name' | 'amount';

export default async function MembersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const raw = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, first(v) ?? '']));
  const qs = new URLSearchParams(Object.entries(raw).filter(([, v]) => v));
  await requireRole('ADMIN', { callbackUrl: `/dashboard/members${qs.size ? `?${qs}` : ''}` });

  let query: MemberQuery | null = null;
  let error: string | null = null;
  try {
    query = parseMemberQuery(sp);
  } catch (err) {
    if (!(err instanceof MemberQueryError)) throw err;
    error = err.message;
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

  return (
    <main>
      <h1>Members</h1>
      <p>
        <Link href="/dashboard/members/import">Import existing supporters from CSV</Link>
      </p>
      <FilterForm
        action="/dashboard/members"
        label="Filter members"
        search
        primary
        clearHref="/dashboard/members"
        hidden={{ sort: query?.sort ?? 'joined', dir: query?.dir ?? 'desc' }}
        styles={styles}
      >
        <InputField id="m-q" label="Email or name" name="q" type="search" defaultValue={raw.q ?? ''} {...fieldStyles} />
        {filter('status', 'Status', 'Any status', STATUS_FILTER_OPTIONS)}
        {filter(
          'tier',
          'Tier',
          'Any tier',
          options.tiers.map((t) => ({ value: t.slug, label: t.name })),
        )}
        {filter('cadence', 'Cadence', 'Any', CADENCES)}
        {filter(
          'currency',
          'Currency',
          'Any',
          options.currencies.map((c) => ({ value: c, label: c.toUpperCase() })),
        )}
        <InputField id="m-from" label="Joined from" name="joinedFrom" type="date" defaultValue={raw.joinedFrom ?? ''} {...fieldStyles} />
        <InputField id="m-to" label="Joined to" name="joinedTo" type="date" defaultValue={raw.joinedTo ?? ''} {...fieldStyles} />
        {filter('voted', 'Voted', 'Either', VOTED)}
      </FilterForm>

      {error ? (
        <p className={styles.alert} role="alert">
          {error}
        </p>
      ) : null}

      {result && query ? (
        <>
          <p aria-live="polite" data-testid="member-total" data-total={result.total}>
            {result.total === 0
              ? 'No members match.'
              : `${result.total.toLocaleString('en-US')} member${result.total === 1 ? '' : 's'} match.`}{' '}
            {result.total > 0 ? (
              <a href={`/api/dashboard/members.csv?${exportParams}`} className={styles.secondary} download>
                Export CSV
              </a>
            ) : null}
          </p>
          {result.rows.length ? (
            <table className={styles.table} data-testid="members">
              <thead>
                <tr>
                  <th scope="col" aria-sort={ariaSort('email')}>
                    <Link href={sortHref('email')}>Email{sortMark('email')}</Link>
                  </th>
                  <th scope="col" aria-sort={ariaSort('name')}>
                    <Link href={sortHref('name')}>Name{sortMark('name')}</Link>
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Tier</th>
                  <th scope="col" className={styles.num} aria-sort={ariaSort('amount')}>
                    <Link href={sortHref('amount')}>Amount{sortMark('amount')}</Link>
                  </th>
                  <th scope="col" aria-sort={ariaSort('joined')}>
                    <Link href={sortHref('joined')}>Joined{sortMark('joined')}</Link>
                  </th>
                  <th scope="col">Voted</th>
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
                        {STATE_LABEL[m.status]}
                      </span>
                    </td>
                    <td>{m.tier?.name ?? '—'}</td>
                    <td className={styles.num}>
                      {m.amount !== null && m.currency ? formatPerIntervalShort(m.amount, m.currency, m.cadence ?? 'MONTH') : '—'}
                    </td>
                    <td>{formatIsoDay(m.joinedAt)}</td>
                    <td>{m.voted ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {pages > 1 ? (
            <nav className={styles.pager} aria-label="Pages">
              {result.previous ? (
                <Link href={`/dashboard/members?${memberQueryToParams(query, { page: String(query.page - 1), before: result.previous })}`}>
                  ← Previous
                </Link>
              ) : null}
              <span>
                Page {query.page} of {pages.toLocaleString('en-US')}
              </span>
              {result.next ? (
                <Link href={`/dashboard/members?${memberQueryToParams(query, { page: String(query.page + 1), after: result.next })}`}>
                  Next →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : null}
    </main>
  );
}
