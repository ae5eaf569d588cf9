/** The newsroom team: who may use the desk. ADMINs grant and revoke the EDITOR role. */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { isBootstrapAdmin } from './roles';

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
  if (existing.role === 'ADMIN') return fieldError(`${email} is an admin: use "Demote admin" first.`);
  await db.user.update({ where: { id: existing.id }, data: { role: 'READER' } });
  return { ok: true, message: `${email} is no longer an editor.` };
}

/**
 * Demotes an ADMIN to EDITOR. Never the last admin (checked with every admin row locked, so two admins
 * demoting each other at once can't leave none), and not an address listed in ADMIN_EMAILS (it would
 * be made admin again at its next sign-in: the list is changed in the settings instead).
 */
export async function demoteAdmin(input: unknown, byUserId?: string): Promise<TeamResult> {
  const parsed = teamEmailSchema.safeParse(input);
  if (!parsed.success) return fieldError(parsed.error.issues[0]!.message);
  const { email } = parsed.data;
  if (isBootstrapAdmin(email)) {
    return fieldError(
      `${email} is listed in ADMIN_EMAILS, so they would become an admin again at their next sign-in. Remove the address from ADMIN_EMAILS and restart the site instead.`,
    );
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<
      { id: string; email: string }[]
    >`SELECT "id", "email" FROM "User" WHERE "role" = 'ADMIN' ORDER BY "id" FOR UPDATE`;
    const target = admins.find((a) => a.email === email);
    if (!target) return fieldError(`${email} is not an admin.`);
    if (admins.length <= 1)
      return fieldError(`${email} is the only admin, and a site needs at least one. Add another admin with ADMIN_EMAILS first.`);
    await tx.user.update({ where: { id: target.id }, data: { role: 'EDITOR', listPromotedFrom: null } });
    const self = byUserId === target.id ? ' You can no longer manage the team.' : '';
    return { ok: true as const, message: `${email} is no longer an admin; they stay an editor.${self}` };
  });
}
