import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listTiers } from '@/lib/billing/tiers';
import { formatPerIntervalShort } from '@/lib/format/money';

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
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prices</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((t) => (
            <tr key={t.id}>
              <td>
                <Link href={`/desk/tiers/${t.id}`}>{t.name}</Link>
              </td>
              <td>
                {t.prices
                  .map((p) => `${formatPerIntervalShort(p.amount, p.currency, p.interval)}${p.stripePriceId ? '' : ' (not in Stripe)'}`)
                  .join(', ')}
              </td>
              <td>{t.active ? 'Offered' : 'Archived'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
