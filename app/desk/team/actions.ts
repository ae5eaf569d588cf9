'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { demoteAdmin, grantEditor, revokeEditor } from '@/lib/auth/team';

export type TeamFormState = { email: string; error?: string; message?: string };

export async function teamAction(_prev: TeamFormState, fd: FormData): Promise<TeamFormState> {
  const me = await requireRole('ADMIN', { callbackUrl: '/desk/team' });
  const email = String(fd.get('email') ?? '');
  const op = fd.get('op');
  if (op !== 'grant' && op !== 'revoke' && op !== 'demote')
    return { email, error: 'Choose Make editor, Remove editor role or Demote admin.' };
  const result =
    op === 'grant' ? await grantEditor({ email }) : op === 'revoke' ? await revokeEditor({ email }) : await demoteAdmin({ email }, me.id);
  if (!result.ok) return { email, error: result.errors.email ?? result.errors.form };
  revalidatePath('/desk/team');
  return { email: '', message: result.message };
}
