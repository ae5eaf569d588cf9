'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { addStaffNote } from '@/lib/members/notes';
import { say } from '@/lib/i18n/sentence';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';

export type NoteFormState = { body: string; error?: string; message?: string };

export async function addNoteAction(memberId: string, _prev: NoteFormState, fd: FormData): Promise<NoteFormState> {
  const admin = await requireRole('ADMIN', { callbackUrl: `/dashboard/members/${encodeURIComponent(memberId)}` });
  const body = fd.get('body');
  const result = await addStaffNote({ memberId, body }, admin.id);
  if (!result.ok) return { body: typeof body === 'string' ? body : '', error: say(await staffLocale(), result.sentence) };
  revalidatePath(`/dashboard/members/${memberId}`);
  const t = await staffTranslator('dashboard.notes');
  return { body: '', message: t('added') };
}
