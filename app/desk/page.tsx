import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listDeskArticles } from '@/lib/articles/desk-queries';
import { deskListQuerySchema } from '@/lib/articles/validation';
import styles from './desk.module.css';
import { DataTable } from '@/components/staff/DataTable';
import { InputField, SelectField } from '@/components/staff/Field';
import { filterFieldClasses, FilterForm } from '@/components/staff/FilterForm';
import { formatIsoMinute } from '@/lib/format/dates';

const STATUSES = [
  { value: 'DRAFT', label: 'Drafts' },
  { value: 'SCHEDULED', label: 'Scheduled' },
  { value: 'PUBLISHED', label: 'Published' },
];
const fields = filterFieldClasses(styles);

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Articles' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const STATUS_LABEL = { DRAFT: 'Draft', SCHEDULED: 'Scheduled', PUBLISHED: 'Published' } as const;

const fmt = (d: Date | null) => (d ? `${formatIsoMinute(d)} UTC` : '—');

export default async function DeskArticlesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const q = deskListQuerySchema.parse({ status: first(sp.status), q: first(sp.q) || undefined, page: first(sp.page) });
  const qs = new URLSearchParams({ ...(q.status ? { status: q.status } : {}), ...(q.q ? { q: q.q } : {}) });
  await requireRole('EDITOR', { callbackUrl: `/desk${qs.size ? `?${qs}` : ''}` });
  const { rows, total, page, pages } = await listDeskArticles({ status: q.status, q: q.q, page: q.page ?? 1 });
  const pageHref = (p: number) => `/desk?${new URLSearchParams({ ...Object.fromEntries(qs), page: String(p) })}`;
  return (
    <main>
      <h1>Articles</h1>
      <p>
        <Link href="/desk/articles/new" className={styles.button}>
          New article
        </Link>
      </p>
      <FilterForm action="/desk" search styles={styles}>
        <InputField id="desk-q" label="Search titles" name="q" type="search" defaultValue={q.q ?? ''} {...fields.input} />
        <SelectField
          id="desk-status"
          label="Status"
          name="status"
          defaultValue={q.status ?? ''}
          placeholder="All statuses"
          options={STATUSES}
          {...fields.select}
        />
      </FilterForm>
      <p aria-live="polite">
        {total === 0 ? 'No articles match.' : `${total} article${total === 1 ? '' : 's'}, most recently updated first.`}
      </p>
      {rows.length ? (
        <DataTable
          className={styles.table}
          rows={rows}
          rowKey={(a) => a.id}
          columns={[
            { header: 'Title', cell: (a) => <Link href={`/desk/articles/${a.id}`}>{a.title}</Link> },
            {
              header: 'Status',
              cell: (a) => (
                <span className={styles.status} data-status={a.status}>
                  {STATUS_LABEL[a.status]}
                </span>
              ),
            },
            { header: 'Section', cell: (a) => a.section.name },
            { header: 'Publish date', cell: (a) => fmt(a.publishedAt) },
            { header: 'Updated', cell: (a) => fmt(a.updatedAt) },
          ]}
        />
      ) : null}
      {pages > 1 ? (
        <nav className={styles.pager} aria-label="Pages">
          {page > 1 ? <Link href={pageHref(page - 1)}>← Newer</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link href={pageHref(page + 1)}>Older →</Link> : null}
        </nav>
      ) : null}
    </main>
  );
}
