import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { reportingCurrency } from '@/lib/analytics/config';
import { listSpending, recentQuarters, SPENDING_CATEGORIES } from '@/lib/transparency/spending';
import { formatMoney } from '@/lib/format/money';
import { SpendingForm } from './SpendingForm';
import { deleteSpendingAction } from './actions';
import styles from '../desk.module.css';
import { ActionOutcome } from '@/components/staff/ActionOutcome';
import { DataTable } from '@/components/staff/DataTable';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Spending' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SpendingPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireRole('EDITOR', { callbackUrl: '/desk/spending' });
  const sp = await searchParams;
  const rows = await listSpending({ quarters: 12 });
  const done = first(sp.done);
  const failed = first(sp.failed);
  return (
    <main>
      <h1>Spending</h1>
      <p>
        What we spent each quarter, by category. It is published on the <Link href="/transparency">transparency page</Link> as entered here.
        Entering a category again for the same quarter replaces its amount.
      </p>
      <ActionOutcome done={done} failed={failed} failedClass="error" styles={styles} />
      <SpendingForm
        quarters={recentQuarters(new Date(), 8)}
        categories={Object.entries(SPENDING_CATEGORIES)}
        currency={reportingCurrency()}
      />
      <h2>Entries</h2>
      <DataTable
        className={styles.table}
        rows={rows}
        rowKey={(r) => r.id}
        empty={<p>No spending entered yet.</p>}
        columns={[
          { header: 'Quarter', cell: (r) => r.quarter },
          { header: 'Category', cell: (r) => r.label },
          { header: 'Amount', cell: (r) => formatMoney(r.amountCents, r.currency, { trimZeroCents: true }) },
          {
            header: <span className="visually-hidden">Actions</span>,
            cell: (r) => (
              <form action={deleteSpendingAction}>
                <input type="hidden" name="id" value={r.id} />
                <button type="submit" className={styles.danger} aria-label={`Delete ${r.label}, ${r.quarter}`}>
                  Delete
                </button>
              </form>
            ),
          },
        ]}
      />
    </main>
  );
}
