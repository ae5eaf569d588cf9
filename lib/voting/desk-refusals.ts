/**
 * Refusals of the desk's voting commands (rounds, topic moderation, progress), said in the staff
 * member's language: a VotingError that carries its catalogue sentence (DomainError.sentence) and
 * its field sentences. Desk actions show any VotingError with `deskMessage` / `deskFieldErrors`.
 */
import type { z } from 'zod';
import { errorMessageIn, fieldErrorsIn } from '@/lib/errors/domain-error';
import { fieldSentencesFromZod, sayMessage } from '@/lib/i18n/said';
import { sayFields, sayInEnglish, type Sentence } from '@/lib/i18n/sentence';
import type { Locale } from '@/lib/i18n/locales';
import { VotingError, votingErrorMessage, type VotingErrorCode } from './rules';

export function deskRefusal(code: VotingErrorCode, said: Sentence, fields?: Record<string, Sentence>): VotingError {
  const err = new VotingError(code, sayInEnglish(said), fields ? sayFields('en', fields) : undefined);
  // VotingError's constructor takes English text; the sentences ride along for the desk.
  Object.assign(err, { sentence: said, fieldSentences: fields });
  return err;
}

/** A validation failure of a desk form (zod messages coded with lib/i18n/said.ts): the first field's sentence up front. */
export function deskInvalid(error: z.ZodError): VotingError {
  const fields = fieldSentencesFromZod(error);
  const first = Object.values(fields)[0];
  if (first) return deskRefusal('INVALID', first, fields);
  const message = sayMessage('en', error.issues[0]?.message ?? 'Check the form.');
  return new VotingError('INVALID', message, { [String(error.issues[0]?.path[0] ?? 'form')]: message });
}

/** Any voting refusal in `locale`: the desk's sentences, readers' refusals in their catalogue, else the English message. */
export function deskMessage(err: VotingError, locale: Locale): string {
  return err.sentence ? errorMessageIn(err, locale) : votingErrorMessage(err, locale);
}

export function deskFieldErrors(err: VotingError, locale: Locale): Record<string, string> {
  return fieldErrorsIn(err, locale);
}
