import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { reportingCurrency } from '@/lib/analytics/config';
import { listSpending, recentQuarters, SPENDING_CATEGORIES, type SpendingCategory } from '@/lib/transparency/spending';
import { formatMoney } from '@/lib/format/money';
import { SpendingForm } from './SpendingForm';
import { deleteSpendingAction } from './actions';
import styles from '../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';
import { DataTable } from '@/components/staff/DataTable';
import { staffLocale, staffTitle } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffTitle('deskAudience.spending.title');

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SpendingPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireRole('EDITOR', { callbackUrl: '/desk/spending' });
  const sp = await searchParams;
  const rows = await listSpending({ quarters: 12 });
  const done = first(sp.done);
  const failed = first(sp.failed);
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.spending');
  // The category names /transparency shows, in the staff member's language.
  const names = translator(locale, 'reading.transparency.categories');
  const label = (category: string, fallback: string) => (category in SPENDING_CATEGORIES ? names(category as SpendingCategory) : fallback);
  return (
    <main>
      <h1>{t('title')}</h1>
      <p>{t.rich('intro', { link: (chunks) => <Link href="/transparency">{chunks}</Link> })}</p>
      <ActionOutcome done={done} failed={failed} failedClass="error" styles={styles} />
      <SpendingForm
        quarters={recentQuarters(new Date(), 8)}
        categories={Object.keys(SPENDING_CATEGORIES).map((k): [string, string] => [k, names(k as SpendingCategory)])}
        currency={reportingCurrency()}
      />
      <h2>{t('entries')}</h2>
      <DataTable
        className={styles.table}
        rows={rows}
        rowKey={(r) => r.id}
        empty={<p>{t('none')}</p>}
        columns={[
          { header: t('colQuarter'), cell: (r) => r.quarter },
          { header: t('colCategory'), cell: (r) => label(r.category, r.label) },
          { header: t('colAmount'), cell: (r) => formatMoney(r.amountCents, r.currency, { trimZeroCents: true, locale }) },
          {
            header: <span className="visually-hidden">{t('colActions')}</span>,
            cell: (r) => (
              <form action={deleteSpendingAction}>
                <input type="hidden" name="id" value={r.id} />
                <button
                  type="submit"
                  className={styles.danger}
                  aria-label={t('deleteLabel', { category: label(r.category, r.label), quarter: r.quarter })}
                >
                  {t('delete')}
                </button>
              </form>
            ),
          },
        ]}
      />
    </main>
  );
}
