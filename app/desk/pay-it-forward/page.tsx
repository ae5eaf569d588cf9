import { requireRole } from '@/lib/auth/session';
import { pendingApplications, potBalance } from '@/lib/pif/pif';
import { listOfferedTiers } from '@/lib/billing/tiers';
import { billingCurrencies } from '@/lib/billing/config';
import { formatIsoDay } from '@/lib/format/dates';
import { formatMoney } from '@/lib/format/money';
import { Decide } from './Decide';

export const dynamic = 'force-dynamic';

/** Admins: the pay-it-forward pot and the applications to grant or decline. */
export default async function PayItForwardDeskPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/pay-it-forward' });
  const [pot, apps, tiers] = await Promise.all([potBalance(), pendingApplications(), listOfferedTiers()]);
  return (
    <main>
      <h1>Pay it forward</h1>
      <p>
        In the pot:{' '}
        {pot.length
          ? pot
              .map(
                (p) =>
                  `${formatMoney(p.balance, p.currency)} (${formatMoney(p.contributed, p.currency)} given, ${formatMoney(p.granted, p.currency)} granted)`,
              )
              .join('; ')
          : 'nothing yet'}
        .
      </p>
      <h2>Applications</h2>
      {apps.length ? (
        <ul>
          {apps.map((a) => (
            <li key={a.id}>
              <p>
                <strong>{a.user.name ?? a.user.email}</strong> ({a.user.email}), {formatIsoDay(a.createdAt)}: {a.reason}
              </p>
              <Decide applicationId={a.id} tiers={tiers.map((t) => ({ id: t.id, name: t.name }))} currencies={billingCurrencies()} />
            </li>
          ))}
        </ul>
      ) : (
        <p>No applications waiting.</p>
      )}
    </main>
  );
}
