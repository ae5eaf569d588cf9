/**
 * Voting's rules: its refusals (VotingError, a DomainError, with human messages), and the one rule for
 * "is this round open right now" (derived from the stored status AND the clock, so a round whose
 * closesAt has passed counts as closed everywhere, with no cron).
 */

import type { z } from 'zod';
import { fieldErrorsFromZod } from '@/lib/articles/validation';
import { DomainError } from '@/lib/errors/domain-error';
import { formatDate } from '@/lib/format/dates';

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

/** Every refusal in lib/voting is a VotingError: a stable code, an HTTP status and a message for people. */
export class VotingError extends DomainError {
  declare readonly code: VotingErrorCode;
  constructor(code: VotingErrorCode, message: string, fieldErrors?: Record<string, string>) {
    super({ code, status: HTTP_STATUS[code], message, fieldErrors });
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

export const MESSAGES = {
  notPatron: 'Only patrons can vote. Become a patron to have your say.',
  notPatronSuggest: 'Only patrons can suggest topics. Become a patron to have your say.',
  roundClosed: 'This round has closed. Voting is no longer possible.',
  roundNotOpen: 'This round is not open for voting yet.',
  unknownTopic: 'We could not find that topic.',
  unknownRound: 'We could not find that round.',
  topicNotOpen: 'This topic is not open for votes.',
  duplicate: 'You already voted for this topic',
  notVoted: 'You have not voted for this topic.',
  joinedAfterOpen: (opensAt: Date) => `Only patrons who joined before this round opened on ${formatDate(opensAt)} can vote in it.`,
  budget: (n: number) =>
    n === 1
      ? 'You have used your only vote in this round. Withdraw it to vote for something else.'
      : `You have used all ${n} of your votes in this round. Withdraw one to vote for something else.`,
  suggestionLimit: (n: number) =>
    n === 0
      ? 'This round does not take suggestions.'
      : `You have already made ${n} ${n === 1 ? 'suggestion' : 'suggestions'} in this round, the most allowed.`,
} as const;

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
