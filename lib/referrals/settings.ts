/** The referral reward rule staff turn on at /desk/referrals (one row; missing = off). */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';

export type ReferralSettings = { rewardFreeMonth: boolean };

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = { rewardFreeMonth: false };

export const referralSettingsSchema = z.object({
  rewardFreeMonth: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()),
});

export async function getReferralSettings(): Promise<ReferralSettings> {
  const db = await getDb();
  const row = await db.referralSettings.findUnique({ where: { id: 'default' } });
  return row ? { rewardFreeMonth: row.rewardFreeMonth } : { ...DEFAULT_REFERRAL_SETTINGS };
}

export async function saveReferralSettings(input: z.input<typeof referralSettingsSchema>): Promise<ReferralSettings> {
  const s = referralSettingsSchema.parse(input);
  const db = await getDb();
  await db.referralSettings.upsert({ where: { id: 'default' }, create: { id: 'default', ...s }, update: s });
  return s;
}
