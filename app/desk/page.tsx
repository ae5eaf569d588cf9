import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listDeskArticles } from '@/lib/articles/desk-queries';
import { deskListQuerySchema } from '@/lib/articles/validation';
import styles from './desk.module.css';
import { formatIsoMinute } from '@/lib/format/dates';

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
      <form method="get" action="/desk" className={styles.toolbar} role="search">
        <div className={styles.field}>
          <label htmlFor="desk-q">Search titles</label>
          <input id="desk-q" name="q" type="search" defaultValue={q.q ?? ''} className={styles.input} />
        </div>
        <div className={styles.field}>
          <label htmlFor="desk-status">Status</label>
          <select id="desk-status" name="status" defaultValue={q.status ?? ''} className={styles.select}>
            <option value="">All statuses</option>
            <option value="DRAFT">Drafts</option>
            <option value="SCHEDULED">Scheduled</option>
            <option value="PUBLISHED">Published</option>
          </select>
        </div>
        <button type="submit" className={styles.secondary}>
          Filter
        </button>
      </form>
      <p aria-live="polite">
        {total === 0 ? 'No articles match.' : `${total} article${total === 1 ? '' : 's'}, most recently updated first.`}
      </p>
      {rows.length ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Section</th>
              <th scope="col">Publish date</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link href={`/desk/articles/${a.id}`}>{a.title}</Link>
                </td>
                <td>
                  <span className={styles.status} data-status={a.status}>
                    {STATUS_LABEL[a.status]}
                  </span>
                </td>
                <td>{a.section.name}</td>
                <td>{fmt(a.publishedAt)}</td>
                <td>{fmt(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
