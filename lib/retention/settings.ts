/** The retention offers staff configure at /desk/retention (one row; missing = defaults). */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';

export type RetentionSettings = { pauseMaxMonths: number; lowerPercent: number; yearlyOffer: boolean; winbackDays: number };

export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = { pauseMaxMonths: 3, lowerPercent: 0, yearlyOffer: true, winbackDays: 30 };

export const retentionSettingsSchema = z.object({
  pauseMaxMonths: z.coerce
    .number({ error: 'Pause: choose 0 to 3 months.' })
    .int()
    .min(0, 'Pause: choose 0 to 3 months.')
    .max(3, 'Pause: choose 0 to 3 months.'),
  lowerPercent: z.coerce
    .number({ error: 'Lower amount: a percentage from 0 to 90.' })
    .int()
    .min(0, 'Lower amount: a percentage from 0 to 90.')
    .max(90, 'Lower amount: a percentage from 0 to 90.'),
  yearlyOffer: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()),
  winbackDays: z.coerce
    .number({ error: 'Win-back: a number of days from 0 to 365.' })
    .int()
    .min(0, 'Win-back: a number of days from 0 to 365.')
    .max(365, 'Win-back: a number of days from 0 to 365.'),
});

export async function getRetentionSettings(): Promise<RetentionSettings> {
  const db = await getDb();
  const row = await db.retentionSettings.findUnique({ where: { id: 'default' } });
  if (!row) return { ...DEFAULT_RETENTION_SETTINGS };
  return { pauseMaxMonths: row.pauseMaxMonths, lowerPercent: row.lowerPercent, yearlyOffer: row.yearlyOffer, winbackDays: row.winbackDays };
}

export async function saveRetentionSettings(input: z.input<typeof retentionSettingsSchema>): Promise<RetentionSettings> {
  const s = retentionSettingsSchema.parse(input);
  const db = await getDb();
  await db.retentionSettings.upsert({ where: { id: 'default' }, create: { id: 'default', ...s }, update: s });
  return s;
}
