/** The newsroom team: who may use the desk. ADMINs grant and revoke the EDITOR role. */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';

export const teamEmailSchema = z.object({
  email: z
    .string({ error: 'Enter an email address' })
    .trim()
    .min(1, 'Enter an email address')
    .max(254, 'That email address is too long')
    .pipe(z.email({ error: 'Enter a valid email address, like name@example.com' }))
    .transform((e) => e.toLowerCase()),
});

export type TeamResult = { ok: true; message: string } | { ok: false; errors: { email?: string; form?: string } };

export async function listTeam() {
  const db = await getDb();
  return db.user.findMany({
    where: { role: { in: ['EDITOR', 'ADMIN'] } },
    orderBy: [{ role: 'desc' }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, emailVerified: true },
  });
}

function fieldError(message: string): TeamResult {
  return { ok: false, errors: { email: message } };
}

/** Makes the address an EDITOR. Unknown addresses get an account now, so they can sign in later. */
export async function grantEditor(input: unknown): Promise<TeamResult> {
  const parsed = teamEmailSchema.safeParse(input);
  if (!parsed.success) return fieldError(parsed.error.issues[0]!.message);
  const { email } = parsed.data;
  const db = await getDb();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing?.role === 'ADMIN') return fieldError(`${email} is an admin and can already use the desk.`);
  if (existing?.role === 'EDITOR') return fieldError(`${email} is already an editor.`);
  if (existing) await db.user.update({ where: { id: existing.id }, data: { role: 'EDITOR' } });
  else await db.user.create({ data: { email, role: 'EDITOR' } });
  return { ok: true, message: `${email} is now an editor. They can sign in with that address to use the desk.` };
}

export async function revokeEditor(input: unknown): Promise<TeamResult> {
  const parsed = teamEmailSchema.safeParse(input);
  if (!parsed.success) return fieldError(parsed.error.issues[0]!.message);
  const { email } = parsed.data;
  const db = await getDb();
  const existing = await db.user.findUnique({ where: { email } });
  if (!existing || existing.role === 'READER') return fieldError(`${email} is not an editor.`);
  if (existing.role === 'ADMIN') return fieldError(`${email} is an admin; admins can't be demoted here.`);
  await db.user.update({ where: { id: existing.id }, data: { role: 'READER' } });
  return { ok: true, message: `${email} is no longer an editor.` };
}
