'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { staffLocale } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';
import { declineApplication, grantMembership, PifError } from '@/lib/pif/pif';

export type PifFormState = { error?: string; message?: string };

export async function grantAction(_prev: PifFormState, fd: FormData): Promise<PifFormState> {
  const me = await requireRole('ADMIN', { callbackUrl: '/desk/pay-it-forward' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.payItForward.outcomes');
  try {
    await grantMembership(me.id, {
      applicationId: fd.get('applicationId'),
      tierId: fd.get('tierId'),
      months: fd.get('months'),
      currency: fd.get('currency'),
    });
  } catch (e) {
    if (e instanceof PifError) return { error: errorMessageIn(e, locale) };
    throw e;
  }
  revalidatePath('/desk/pay-it-forward');
  return { message: t('granted') };
}

export async function declineAction(_prev: PifFormState, fd: FormData): Promise<PifFormState> {
  const me = await requireRole('ADMIN', { callbackUrl: '/desk/pay-it-forward' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.payItForward.outcomes');
  try {
    await declineApplication(me.id, String(fd.get('applicationId') ?? ''));
  } catch (e) {
    if (e instanceof PifError) return { error: errorMessageIn(e, locale) };
    throw e;
  }
  revalidatePath('/desk/pay-it-forward');
  return { message: t('declined') };
}
