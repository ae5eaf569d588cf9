import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { billingCurrencies } from '@/lib/billing/config';
import { getTier } from '@/lib/billing/tiers';
import { TierForm } from '@/components/billing/TierForm';
import { saveTier } from '../actions';

export const dynamic = 'force-dynamic';

export default async function EditTierPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireRole('ADMIN', { callbackUrl: `/desk/tiers/${id}` });
  const tier = await getTier(id);
  if (!tier) notFound();
  return (
    <main>
      <h1>Edit {tier.name}</h1>
      <p>Changing an amount creates a new price; existing patrons keep the price they signed up at.</p>
      <TierForm action={saveTier} tier={tier} currencies={billingCurrencies()} />
    </main>
  );
}
