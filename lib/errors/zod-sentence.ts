/**
 * Catalogue sentences through zod: zod's issue messages are strings, so a schema carries a sentence
 * (lib/i18n/sentence.ts) as its JSON, and the code that reads the issues gets the sentence back and
 * says it in the staff member's or reader's language.
 *
 *   z.string().max(200, asIssue(sentence('dashboard.members.errors.searchTooLong')))
 *   const s = issueSentence(parsed.error.issues[0]?.message) ?? sentence('dashboard.members.errors.invalid');
 */
import type { Sentence } from '@/lib/i18n/sentence';

const MARK = '\u2063sentence:';

/** The sentence as a zod message. */
export function asIssue(s: Sentence): string {
  return `${MARK}${JSON.stringify(s)}`;
}

/** The sentence a zod message carries (from `asIssue`), or null for zod's own messages. */
export function issueSentence(message: string | undefined): Sentence | null {
  if (!message?.startsWith(MARK)) return null;
  try {
    const parsed = JSON.parse(message.slice(MARK.length)) as Sentence;
    return typeof parsed?.key === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
