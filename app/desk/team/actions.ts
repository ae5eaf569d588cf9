'use server';

import { revalidatePath } from 'next/cache';
import { requireRole } from '@/lib/auth/session';
import { grantEditor, revokeEditor } from '@/lib/auth/team';

export type TeamFormState = { email: string; error?: string; message?: string };

export async function teamAction(_prev: TeamFormState, fd: FormData): Promise<TeamFormState> {
  await requireRole('ADMIN', { callbackUrl: '/desk/team' });
  const email = String(fd.get('email') ?? '');
  const op = fd.get('op');
  if (op !== 'grant' && op !== 'revoke') return { email, error: 'Choose Grant or Revoke.' };
  const result = op === 'grant' ? await grantEditor({ email }) : await revokeEditor({ email });
  if (!result.ok) return { email, error: result.errors.email ?? result.errors.form };
  revalidatePath('/desk/team');
  return { email: '', message: result.message };
}
