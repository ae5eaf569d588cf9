/**
 * Catalogue sentences inside zod schemas. A zod message is a string, so a schema says
 * `.min(3, coded(sentence('desk.articles.errors.titleShort')))`; the code that reads the issue turns it
 * back into words with `sayMessage` (in the staff member's or reader's language), or into the
 * Sentence with `sentenceIn`. A message that was not coded is shown as it is (English).
 */
import type { z } from 'zod';
import { say, type Sentence } from './sentence';
import type { Locale } from './locales';

// An invisible mark no one types: a coded message is never mistaken for text.
const MARK = '\u2063i18n:';

export function coded(s: Sentence): string {
  return MARK + JSON.stringify(s);
}

/** The sentence a coded message carries, or null for plain text. */
export function sentenceIn(message: string): Sentence | null {
  if (!message.startsWith(MARK)) return null;
  try {
    const parsed = JSON.parse(message.slice(MARK.length)) as Sentence;
    return typeof parsed?.key === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** A message in `locale`: a coded sentence said in it, plain text as it is. */
export function sayMessage(locale: Locale, message: string): string {
  const s = sentenceIn(message);
  return s ? say(locale, s) : message;
}

/** The first issue per field (its first path segment; `form` without one), as sentences; plain-text issues are left out. */
export function fieldSentencesFromZod(error: z.ZodError): Record<string, Sentence> {
  const out: Record<string, Sentence> = {};
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    if (seen.has(key)) continue;
    seen.add(key);
    const s = sentenceIn(issue.message);
    if (s) out[key] = s;
  }
  return out;
}

/** One zod message as a sentence: the coded one, else `fallback` (zod's own English defaults). */
export function issueSentence(message: string, fallback: Sentence): Sentence {
  return sentenceIn(message) ?? fallback;
}

/** For a DomainError: the first issue's sentence, and each field's first (plain-text issues become `fallback`). */
export function zodSentences(err: z.ZodError, fallback: Sentence): { sentence: Sentence; fieldSentences: Record<string, Sentence> } {
  const fieldSentences: Record<string, Sentence> = {};
  for (const issue of err.issues) fieldSentences[String(issue.path[0] ?? 'form')] ??= issueSentence(issue.message, fallback);
  return { sentence: issueSentence(err.issues[0]?.message ?? '', fallback), fieldSentences };
}
