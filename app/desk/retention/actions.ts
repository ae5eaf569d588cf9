'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { retentionSettingsSchema, saveRetentionSettings } from '@/lib/retention/settings';

export type RetentionFormState = { error?: string; message?: string };

export async function saveRetentionAction(_prev: RetentionFormState, fd: FormData): Promise<RetentionFormState> {
  await requireRole('ADMIN', { callbackUrl: '/desk/retention' });
  const parsed = retentionSettingsSchema.safeParse({
    pauseMaxMonths: fd.get('pauseMaxMonths'),
    lowerPercent: fd.get('lowerPercent'),
    yearlyOffer: fd.get('yearlyOffer') ?? 'off',
    winbackDays: fd.get('winbackDays'),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  await saveRetentionSettings(parsed.data);
  revalidatePath('/desk/retention');
  return { message: 'Saved. Patrons who cancel from now on see these offers.' };
}
