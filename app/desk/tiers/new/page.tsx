import { requireRole } from '@/lib/auth/session';
import { staffTitle, staffTranslator } from '@/lib/i18n/staff-locale';
import { billingCurrencies } from '@/lib/billing/config';
import { TierForm } from '@/components/billing/TierForm';
import { saveTier } from '../actions';

export const dynamic = 'force-dynamic';
export const generateMetadata = staffTitle('desk.tiers.new.title');

export default async function NewTierPage() {
  await requireRole('ADMIN', { callbackUrl: '/desk/tiers/new' });
  const t = await staffTranslator('desk.tiers');
  return (
    <main>
      <h1>{t('new.title')}</h1>
      <TierForm action={saveTier} currencies={billingCurrencies()} />
    </main>
  );
}
