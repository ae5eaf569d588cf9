/** The newsroom team: who may use the desk. ADMINs grant and revoke the EDITOR role. */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { isBootstrapAdmin } from './roles';
import { coded, sentenceIn } from '@/lib/i18n/said';
import { sayInEnglish, sentence, type Sentence } from '@/lib/i18n/sentence';

export const teamEmailSchema = z.object({
  email: z
    .string({ error: coded(sentence('desk.team.errors.required')) })
    .trim()
    .min(1, coded(sentence('desk.team.errors.required')))
    .max(254, coded(sentence('desk.team.errors.tooLong')))
    .pipe(z.email({ error: coded(sentence('desk.team.errors.invalid')) }))
    .transform((e) => e.toLowerCase()),
});

/** English `message` / `errors`; `said` is the same sentence for the admin's language (desk catalogue). */
export type TeamResult =
  { ok: true; message: string; said: Sentence } | { ok: false; errors: { email?: string; form?: string }; said: Sentence };

export async function listTeam() {
  const db = await getDb();
  return db.user.findMany({
    where: { role: { in: ['EDITOR', 'ADMIN'] } },
    orderBy: [{ role: 'desc' }, { email: 'asc' }],
    select: { id: true, email: true, name: true, role: true, emailVerified: true },
  });
}

function fieldError(said: Sentence): TeamResult {
  return { ok: false, errors: { email: sayInEnglish(said) }, said };
}

function done(said: Sentence) {
  return { ok: true as const, message: sayInEnglish(said), said };
}

/** The schema's (coded) message as a sentence. */
const invalid = (message: string) => fieldError(sentenceIn(message) ?? sentence('desk.team.errors.invalid'));

/** Makes the address an EDITOR. Unknown addresses get an account now, so they can sign in later. */
export async function grantEditor(input: unknown): Promise<TeamResult> {
  const parsed = teamEmailSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]!.message);
  const { email } = parsed.data;
  const db = await getDb();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing?.role === 'ADMIN') return fieldError(sentence('desk.team.errors.alreadyAdmin', { email }));
  if (existing?.role === 'EDITOR') return fieldError(sentence('desk.team.errors.alreadyEditor', { email }));
  if (existing) await db.user.update({ where: { id: existing.id }, data: { role: 'EDITOR' } });
  else await db.user.create({ data: { email, role: 'EDITOR' } });
  return done(sentence('desk.team.done.granted', { email }));
}

export async function revokeEditor(input: unknown): Promise<TeamResult> {
  const parsed = teamEmailSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]!.message);
  const { email } = parsed.data;
  const db = await getDb();
  const existing = await db.user.findUnique({ where: { email } });
  if (!existing || existing.role === 'READER') return fieldError(sentence('desk.team.errors.notEditor', { email }));
  if (existing.role === 'ADMIN') return fieldError(sentence('desk.team.errors.demoteFirst', { email }));
  await db.user.update({ where: { id: existing.id }, data: { role: 'READER' } });
  return done(sentence('desk.team.done.revoked', { email }));
}

/**
 * Demotes an ADMIN to EDITOR. Never the last admin (checked with every admin row locked, so two admins
 * demoting each other at once can't leave none), and not an address listed in ADMIN_EMAILS (it would
 * be made admin again at its next sign-in: the list is changed in the settings instead).
 */
export async function demoteAdmin(input: unknown, byUserId?: string): Promise<TeamResult> {
  const parsed = teamEmailSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error.issues[0]!.message);
  const { email } = parsed.data;
  if (isBootstrapAdmin(email)) {
    return fieldError(sentence('desk.team.errors.listed', { email }));
  }
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const admins = await tx.$queryRaw<
      { id: string; email: string }[]
    >`SELECT "id", "email" FROM "User" WHERE "role" = 'ADMIN' ORDER BY "id" FOR UPDATE`;
    const target = admins.find((a) => a.email === email);
    if (!target) return fieldError(sentence('desk.team.errors.notAdmin', { email }));
    if (admins.length <= 1) return fieldError(sentence('desk.team.errors.lastAdmin', { email }));
    await tx.user.update({ where: { id: target.id }, data: { role: 'EDITOR', listPromotedFrom: null } });
    return done(byUserId === target.id ? sentence('desk.team.done.demotedSelf', { email }) : sentence('desk.team.done.demoted', { email }));
  });
}
