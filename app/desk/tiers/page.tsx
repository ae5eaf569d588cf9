import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listTiers } from '@/lib/billing/tiers';
import { formatPerIntervalShort } from '@/lib/format/money';
import { DataTable } from '@/components/staff/DataTable';

export const dynamic = 'force-dynamic';

export default async function TiersPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/tiers' });
  const tiers = await listTiers();
  return (
    <main>
      <h1>Membership tiers</h1>
      <p>
        <Link href="/desk/tiers/new">New tier</Link>
      </p>
      <DataTable
        rows={tiers}
        rowKey={(t) => t.id}
        columns={[
          { header: 'Name', cell: (t) => <Link href={`/desk/tiers/${t.id}`}>{t.name}</Link> },
          {
            header: 'Prices',
            cell: (t) =>
              t.prices
                .map((p) => `${formatPerIntervalShort(p.amount, p.currency, p.interval)}${p.stripePriceId ? '' : ' (not in Stripe)'}`)
                .join(', '),
          },
          { header: 'Status', cell: (t) => (t.active ? 'Offered' : 'Archived') },
        ]}
      />
    </main>
  );
}
