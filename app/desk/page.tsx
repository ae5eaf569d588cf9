import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listDeskArticles } from '@/lib/articles/desk-queries';
import { deskListQuerySchema } from '@/lib/articles/validation';
import styles from './desk.module.css';
import { DataTable } from '@/components/staff/DataTable';
import { InputField, SelectField } from '@/components/staff/Field';
import { filterFieldClasses, FilterForm } from '@/components/staff/FilterForm';
import { formatIsoMinute } from '@/lib/format/dates';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';

const fields = filterFieldClasses(styles);

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.articles.list.title');

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const fmt = (d: Date | null) => (d ? `${formatIsoMinute(d)} UTC` : '—');

export default async function DeskArticlesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const q = deskListQuerySchema.parse({ status: first(sp.status), q: first(sp.q) || undefined, page: first(sp.page) });
  const qs = new URLSearchParams({ ...(q.status ? { status: q.status } : {}), ...(q.q ? { q: q.q } : {}) });
  await requireRole('EDITOR', { callbackUrl: `/desk${qs.size ? `?${qs}` : ''}` });
  const t = await staffTranslator('desk.articles');
  const { rows, total, page, pages } = await listDeskArticles({ status: q.status, q: q.q, page: q.page ?? 1 });
  const pageHref = (p: number) => `/desk?${new URLSearchParams({ ...Object.fromEntries(qs), page: String(p) })}`;
  const statuses = (['DRAFT', 'SCHEDULED', 'PUBLISHED'] as const).map((value) => ({ value, label: t(`list.filter.${value}`) }));
  return (
    <main>
      <h1>{t('list.title')}</h1>
      <p>
        <Link href="/desk/articles/new" className={styles.button}>
          {t('list.new')}
        </Link>{' '}
        <Link href="/desk/sections">{t('list.sections')}</Link>
      </p>
      <FilterForm action="/desk" search styles={styles}>
        <InputField id="desk-q" label={t('list.search')} name="q" type="search" defaultValue={q.q ?? ''} {...fields.input} />
        <SelectField
          id="desk-status"
          label={t('list.status')}
          name="status"
          defaultValue={q.status ?? ''}
          placeholder={t('list.allStatuses')}
          options={statuses}
          {...fields.select}
        />
      </FilterForm>
      <p aria-live="polite">{total === 0 ? t('list.none') : t('list.count', { count: total })}</p>
      {rows.length ? (
        <DataTable
          className={styles.table}
          rows={rows}
          rowKey={(a) => a.id}
          columns={[
            { header: t('list.columns.title'), cell: (a) => <Link href={`/desk/articles/${a.id}`}>{a.title}</Link> },
            {
              header: t('list.columns.status'),
              cell: (a) => (
                <span className={styles.status} data-status={a.status}>
                  {t(`status.${a.status}`)}
                </span>
              ),
            },
            { header: t('list.columns.section'), cell: (a) => a.section.name },
            { header: t('list.columns.publishDate'), cell: (a) => fmt(a.publishedAt) },
            { header: t('list.columns.updated'), cell: (a) => fmt(a.updatedAt) },
          ]}
        />
      ) : null}
      {pages > 1 ? (
        <nav className={styles.pager} aria-label={t('list.pages')}>
          {page > 1 ? <Link href={pageHref(page - 1)}>{t('list.newer')}</Link> : null}
          <span>{t('list.pageOf', { page, pages })}</span>
          {page < pages ? <Link href={pageHref(page + 1)}>{t('list.older')}</Link> : null}
        </nav>
      ) : null}
    </main>
  );
}
