/**
 * zod messages that are catalogue keys, so a schema's refusals can be said in the reader's (or staff
 * member's) language. A schema writes its messages as `sentence('ns.key').key` (typed, and found by
 * the unused-key scanner); the code that catches the ZodError turns the issues into sentences here,
 * for DomainError's `sentence`/`fieldSentences` or for `say`. A message that is not a key (zod's own
 * defaults) becomes the caller's fallback sentence.
 */
import type { ZodError } from 'zod';
import { messagesFor } from './messages';
import { sentence, type MessageKey, type Sentence } from './sentence';

export function isMessageKey(value: string): value is MessageKey {
  let node: unknown = messagesFor('en');
  for (const part of value.split('.')) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/** One zod message as a sentence (the fallback when it is not a catalogue key). */
export function issueSentence(message: string, fallback: Sentence): Sentence {
  return isMessageKey(message) ? sentence(message) : fallback;
}

/** The first issue's sentence, and the first issue's sentence of each field (by the path's first part). */
export function zodSentences(err: ZodError, fallback: Sentence): { sentence: Sentence; fieldSentences: Record<string, Sentence> } {
  const fieldSentences: Record<string, Sentence> = {};
  for (const issue of err.issues) fieldSentences[String(issue.path[0] ?? 'form')] ??= issueSentence(issue.message, fallback);
  return { sentence: issueSentence(err.issues[0]?.message ?? '', fallback), fieldSentences };
}
