'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { staffLocale } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { retentionSettingsSchema, saveRetentionSettings } from '@/lib/retention/settings';

export type RetentionFormState = { error?: string; message?: string };

/** The settings' fields, each refused with one sentence (the schema's own messages are English). */
const FIELDS = ['pauseMaxMonths', 'lowerPercent', 'winbackDays'] as const;

export async function saveRetentionAction(_prev: RetentionFormState, fd: FormData): Promise<RetentionFormState> {
  await requireRole('ADMIN', { callbackUrl: '/desk/retention' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.retention');
  const parsed = retentionSettingsSchema.safeParse({
    pauseMaxMonths: fd.get('pauseMaxMonths'),
    lowerPercent: fd.get('lowerPercent'),
    yearlyOffer: fd.get('yearlyOffer') ?? 'off',
    winbackDays: fd.get('winbackDays'),
  });
  if (!parsed.success) {
    const field = FIELDS.find((f) => f === parsed.error.issues[0]?.path[0]);
    return { error: field ? t(`errors.${field}` as const) : t('errors.form') };
  }
  await saveRetentionSettings(parsed.data);
  revalidatePath('/desk/retention');
  return { message: t('saved') };
}
