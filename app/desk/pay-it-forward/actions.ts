'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { declineApplication, grantMembership, PifError } from '@/lib/pif/pif';

export type PifFormState = { error?: string; message?: string };

export async function grantAction(_prev: PifFormState, fd: FormData): Promise<PifFormState> {
  const me = await requireRole('ADMIN', { callbackUrl: '/desk/pay-it-forward' });
  try {
    await grantMembership(me.id, {
      applicationId: fd.get('applicationId'),
      tierId: fd.get('tierId'),
      months: fd.get('months'),
      currency: fd.get('currency'),
    });
  } catch (e) {
    if (e instanceof PifError) return { error: e.message };
    throw e;
  }
  revalidatePath('/desk/pay-it-forward');
  return { message: 'Granted: the reader is a patron now and has been emailed.' };
}

export async function declineAction(_prev: PifFormState, fd: FormData): Promise<PifFormState> {
  const me = await requireRole('ADMIN', { callbackUrl: '/desk/pay-it-forward' });
  try {
    await declineApplication(me.id, String(fd.get('applicationId') ?? ''));
  } catch (e) {
    if (e instanceof PifError) return { error: e.message };
    throw e;
  }
  revalidatePath('/desk/pay-it-forward');
  return { message: 'Declined.' };
}
