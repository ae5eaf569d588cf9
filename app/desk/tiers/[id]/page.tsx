import { notFound } from 'next/navigation';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { requireRole } from '@/lib/auth/session';
import { billingCurrencies } from '@/lib/billing/config';
import { getTier } from '@/lib/billing/tiers';
import { TierForm } from '@/components/billing/TierForm';
import { saveTier } from '../actions';

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.tiers.edit.metaTitle');

export default async function EditTierPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireRole('ADMIN', { callbackUrl: `/desk/tiers/${id}` });
  const tier = await getTier(id);
  if (!tier) notFound();
  const t = await staffTranslator('desk.tiers');
  return (
    <main>
      <h1>{t('edit.title', { name: tier.name })}</h1>
      <p>{t('edit.intro')}</p>
      <TierForm action={saveTier} tier={tier} currencies={billingCurrencies()} />
    </main>
  );
}
