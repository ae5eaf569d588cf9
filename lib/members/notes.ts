/** Staff notes on a member: private to admins (shown on the member page, never to the member). */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { asIssue, issueSentence } from '@/lib/errors/zod-sentence';
import { sayInEnglish, sentence, type Sentence } from '@/lib/i18n/sentence';

export const NOTE_MAX = 5000;

const noteSchema = z.object({
  memberId: z
    .string({ error: asIssue(sentence('dashboard.notes.errors.noMember')) })
    .trim()
    .min(1, asIssue(sentence('dashboard.notes.errors.noMember')))
    .max(100, asIssue(sentence('dashboard.notes.errors.memberTooLong'))),
  body: z
    .string({ error: asIssue(sentence('dashboard.notes.errors.empty')) })
    .trim()
    .min(1, asIssue(sentence('dashboard.notes.errors.empty')))
    .max(NOTE_MAX, asIssue(sentence('dashboard.notes.errors.tooLong', { max: NOTE_MAX }))),
});

export type AddNoteResult =
  | { ok: true; note: { id: string; body: string; createdAt: Date } }
  /** `error` in English (the API); `sentence` to say it in the staff member's language. */
  | { ok: false; status: 400 | 404; error: string; sentence: Sentence };

const refused = (status: 400 | 404, s: Sentence): AddNoteResult => ({ ok: false, status, error: sayInEnglish(s), sentence: s });

export async function addStaffNote(input: { memberId: unknown; body: unknown }, authorId: string): Promise<AddNoteResult> {
  const parsed = noteSchema.safeParse(input);
  if (!parsed.success) return refused(400, issueSentence(parsed.error.issues[0]?.message) ?? sentence('dashboard.notes.errors.empty'));
  const db = await getDb();
  const member = await db.user.findUnique({ where: { id: parsed.data.memberId }, select: { id: true } });
  if (!member) return refused(404, sentence('dashboard.notes.errors.noSuchMember'));
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
