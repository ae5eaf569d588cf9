'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { demoteAdmin, grantEditor, revokeEditor } from '@/lib/auth/team';
import { say } from '@/lib/i18n/sentence';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';

export type TeamFormState = { email: string; error?: string; message?: string };

export async function teamAction(_prev: TeamFormState, fd: FormData): Promise<TeamFormState> {
  const me = await requireRole('ADMIN', { callbackUrl: '/desk/team' });
  const email = String(fd.get('email') ?? '');
  const op = fd.get('op');
  const t = await staffTranslator('desk.team');
  if (op !== 'grant' && op !== 'revoke' && op !== 'demote') return { email, error: t('chooseOp') };
  const result =
    op === 'grant' ? await grantEditor({ email }) : op === 'revoke' ? await revokeEditor({ email }) : await demoteAdmin({ email }, me.id);
  // In the admin's language.
  const locale = await staffLocale();
  if (!result.ok) return { email, error: say(locale, result.said) };
  revalidatePath('/desk/team');
  return { email: '', message: say(locale, result.said) };
}
