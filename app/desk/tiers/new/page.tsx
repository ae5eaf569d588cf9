import { requireRole } from '@/lib/auth/session';
import { billingCurrencies } from '@/lib/billing/config';
import { TierForm } from '@/components/billing/TierForm';
import { saveTier } from '../actions';

export const dynamic = 'force-dynamic';

export default async function NewTierPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/tiers/new' });
  return (
    <main>
      <h1>New tier</h1>
      <TierForm action={saveTier} currencies={billingCurrencies()} />
    </main>
  );
}
