'use server';

import { requireRole } from '@/lib/auth/session';
import { staffTranslator } from '@/lib/i18n/staff-locale';
import { referralSettingsSchema, saveReferralSettings } from '@/lib/referrals/settings';

export type ReferralFormState = { error?: string; message?: string };

export async function saveReferralSettingsAction(_prev: ReferralFormState, fd: FormData): Promise<ReferralFormState> {
  await requireRole('ADMIN', { callbackUrl: '/desk/referrals' });
  const t = await staffTranslator('deskAudience.referrals');
  const parsed = referralSettingsSchema.safeParse({ rewardFreeMonth: fd.get('rewardFreeMonth') ?? 'off' });
  if (!parsed.success) return { error: t('errors.form') };
  // The page is dynamic and the form keeps the choice shown: nothing to revalidate.
  const saved = await saveReferralSettings(parsed.data);
  return { message: saved.rewardFreeMonth ? t('savedOn') : t('savedOff') };
}
