'use server';

import { requireRole } from '@/lib/auth/session';
import { referralSettingsSchema, saveReferralSettings } from '@/lib/referrals/settings';

export type ReferralFormState = { error?: string; message?: string };

export async function saveReferralSettingsAction(_prev: ReferralFormState, fd: FormData): Promise<ReferralFormState> {
  await requireRole('ADMIN', { callbackUrl: '/desk/referrals' });
  const parsed = referralSettingsSchema.safeParse({ rewardFreeMonth: fd.get('rewardFreeMonth') ?? 'off' });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  // The page is dynamic and the form keeps the choice shown: nothing to revalidate.
  const saved = await saveReferralSettings(parsed.data);
  return {
    message: saved.rewardFreeMonth
      ? 'Saved. Referrals recorded from now on give the referrer a free month.'
      : 'Saved. Referrals recorded from now on give no reward.',
  };
}
