/** Staff notes on a member: private to admins (shown on the member page, never to the member). */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';

export const NOTE_MAX = 5000;

const noteSchema = z.object({
  memberId: z
    .string({ error: 'Which member is this note about?' })
    .trim()
    .min(1, 'Which member is this note about?')
    .max(100, 'That member id is too long.'),
  body: z
    .string({ error: 'Write the note first.' })
    .trim()
    .min(1, 'Write the note first.')
    .max(NOTE_MAX, `Notes are at most ${NOTE_MAX} characters.`),
});

export type AddNoteResult =
  { ok: true; note: { id: string; body: string; createdAt: Date } } | { ok: false; status: 400 | 404; error: string };

export async function addStaffNote(input: { memberId: unknown; body: unknown }, authorId: string): Promise<AddNoteResult> {
  const parsed = noteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, error: parsed.error.issues[0]?.message ?? 'Invalid note.' };
  const db = await getDb();
  const member = await db.user.findUnique({ where: { id: parsed.data.memberId }, select: { id: true } });
  if (!member) return { ok: false, status: 404, error: 'There is no member with that id.' };
  const note = await db.staffNote.create({
    data: { userId: member.id, authorId, body: parsed.data.body },
    select: { id: true, body: true, createdAt: true },
  });
  return { ok: true, note };
}

export async function listStaffNotes(memberId: string) {
  const db = await getDb();
  return db.staffNote.findMany({
    where: { userId: memberId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, body: true, createdAt: true, author: { select: { email: true, name: true } } },
  });
}
