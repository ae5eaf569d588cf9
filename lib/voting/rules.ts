/**
 * Voting's rules: its refusals (VotingError, a DomainError, with human messages), and the one rule for
 * "is this round open right now" (derived from the stored status AND the clock, so a round whose
 * closesAt has passed counts as closed everywhere, with no cron).
 */

import type { z } from 'zod';
import { fieldErrorsFromZod } from '@/lib/articles/validation';
import { DomainError } from '@/lib/errors/domain-error';
import { formatDate } from '@/lib/format/dates';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import type { Messages } from '@/lib/i18n/messages';
import { translator } from '@/lib/i18n/translator';

export type VotingErrorCode =
  | 'INVALID'
  | 'NOT_SIGNED_IN'
  | 'FORBIDDEN'
  | 'NOT_PATRON'
  | 'JOINED_AFTER_OPEN'
  | 'UNKNOWN_ROUND'
  | 'UNKNOWN_TOPIC'
  | 'UNKNOWN_ARTICLE'
  | 'ROUND_NOT_OPEN'
  | 'ROUND_CLOSED'
  | 'TOPIC_NOT_OPEN'
  | 'BUDGET'
  | 'DUPLICATE'
  | 'NOT_VOTED'
  | 'SUGGESTION_LIMIT'
  | 'CONFLICT';

const HTTP_STATUS: Record<VotingErrorCode, number> = {
  INVALID: 400,
  NOT_SIGNED_IN: 401,
  FORBIDDEN: 403,
  NOT_PATRON: 403,
  JOINED_AFTER_OPEN: 403,
  UNKNOWN_ROUND: 404,
  UNKNOWN_TOPIC: 404,
  UNKNOWN_ARTICLE: 404,
  ROUND_NOT_OPEN: 409,
  ROUND_CLOSED: 409,
  TOPIC_NOT_OPEN: 409,
  BUDGET: 409,
  DUPLICATE: 409,
  NOT_VOTED: 409,
  SUGGESTION_LIMIT: 409,
  CONFLICT: 409,
};

/** A refusal a reader sees: its key under voting.errors and the values its sentence needs. */
export type ReaderRefusal = {
  key: ReaderErrorKey;
  values?: { count?: number; date?: Date };
};

/** Every refusal in lib/voting is a VotingError: a stable code, an HTTP status and a message for people. */
export class VotingError extends DomainError {
  declare readonly code: VotingErrorCode;
  /** Set on refusals readers see, so the reader's language can be used (`votingErrorMessage`). */
  readonly reader?: ReaderRefusal;
  constructor(code: VotingErrorCode, message: string, fieldErrors?: Record<string, string>, reader?: ReaderRefusal) {
    super({ code, status: HTTP_STATUS[code], message, fieldErrors });
    this.reader = reader;
  }
}

/** A validation failure as a VotingError: the first message up front, every field's first message by name. */
export function invalidInput(error: z.ZodError): VotingError {
  const fieldErrors = fieldErrorsFromZod(error) as Record<string, string>;
  return new VotingError('INVALID', Object.values(fieldErrors)[0] ?? 'Check the form.', fieldErrors);
}

export function isVotingError(err: unknown): err is VotingError {
  return err instanceof VotingError;
}

export type ReaderErrorKey = keyof Messages['voting']['errors'];

function readerSentence(r: ReaderRefusal, locale: Locale): string {
  const t = translator(locale, 'voting.errors');
  const values = { count: r.values?.count ?? 0, date: r.values?.date ? formatDate(r.values.date, undefined, locale) : '' };
  // i18n-keys: voting.errors.notPatron voting.errors.notPatronSuggest voting.errors.roundClosed voting.errors.roundNotOpen
  // i18n-keys: voting.errors.unknownTopic voting.errors.unknownRound voting.errors.topicNotOpen voting.errors.duplicate
  // i18n-keys: voting.errors.notVoted voting.errors.joinedAfterOpen voting.errors.budget voting.errors.suggestionLimit
  // i18n-keys: voting.errors.suggestClosed voting.errors.suggestNotOpen
  return t(r.key, values);
}

/** A refusal readers see: the English sentence comes from the catalogue, other languages via `votingErrorMessage`. */
export function refusal(code: VotingErrorCode, key: ReaderErrorKey, values?: ReaderRefusal['values']): VotingError {
  const reader = { key, values };
  return new VotingError(code, readerSentence(reader, DEFAULT_LOCALE), undefined, reader);
}

/** The refusal's sentence in the reader's language (staff-only refusals stay in English). */
export function votingErrorMessage(err: VotingError, locale: Locale): string {
  return err.reader && locale !== DEFAULT_LOCALE ? readerSentence(err.reader, locale) : err.message;
}

export type RoundPhase = 'DRAFT' | 'UPCOMING' | 'OPEN' | 'CLOSED';

type RoundTimes = { status: 'DRAFT' | 'OPEN' | 'CLOSED'; opensAt: Date; closesAt: Date };

/**
 * The round's phase at `now`: CLOSED when closed by an editor OR when closesAt has passed (closesAt is
 * exclusive); UPCOMING when opened but before opensAt; DRAFT when never opened.
 */
export function roundPhase(round: RoundTimes, now: Date = new Date()): RoundPhase {
  if (round.status === 'CLOSED') return 'CLOSED';
  if (round.status === 'DRAFT') return 'DRAFT';
  const t = now.getTime();
  if (t >= round.closesAt.getTime()) return 'CLOSED';
  if (t < round.opensAt.getTime()) return 'UPCOMING';
  return 'OPEN';
}

/** Time-sortable random id for rows inserted with raw SQL (Prisma's cuid() default is client-side). */
export function newId(): string {
  return `v${Date.now().toString(36)}${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}
