/**
 * The one error type of Patronage's domain code: a refusal a person can act on. It carries a stable
 * code for scripts, the HTTP status a route answers with, a sentence for people and, for forms, a
 * sentence per field. Every domain's refusal (voting, tiers, checkout, spending, imports, dashboard
 * and member queries) extends it; routes and actions catch `DomainError`, never a name or a shape.
 */
import type { Locale } from '@/lib/i18n/locales';
import { say, sayFields, sayInEnglish, type Sentence } from '@/lib/i18n/sentence';

export type FieldErrors = Record<string, string>;

type Said = { message: string; sentence?: Sentence } | { message?: string; sentence: Sentence };

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  /** English sentences per field (`fieldSentences` in the reader's language, when given). */
  readonly fieldErrors: FieldErrors;
  /** The catalogue sentence behind `message`, so it can be said in the reader's language. */
  readonly sentence?: Sentence;
  readonly fieldSentences?: Readonly<Record<string, Sentence>>;

  constructor(opts: { code: string; status: number; fieldErrors?: FieldErrors; fieldSentences?: Record<string, Sentence> } & Said) {
    super(opts.message ?? sayInEnglish(opts.sentence!));
    this.name = new.target.name;
    this.code = opts.code;
    this.status = opts.status;
    this.sentence = opts.sentence;
    this.fieldSentences = opts.fieldSentences;
    this.fieldErrors = opts.fieldErrors ?? (opts.fieldSentences ? sayFields('en', opts.fieldSentences) : {});
  }
}

/** The refusal in `locale`: its catalogue sentence when it has one, else its (English) message. */
export function errorMessageIn(err: DomainError, locale: Locale): string {
  return err.sentence ? say(locale, err.sentence) : err.message;
}

/** The refusal's field errors in `locale`. */
export function fieldErrorsIn(err: DomainError, locale: Locale): FieldErrors {
  return err.fieldSentences ? { ...err.fieldErrors, ...sayFields(locale, err.fieldSentences) } : err.fieldErrors;
}

const STATUS_CODES: Record<number, string> = { 400: 'INVALID', 401: 'NOT_SIGNED_IN', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' };

/** The code suffix of a refusal's status (400 → INVALID, 404 → NOT_FOUND, 409 → CONFLICT …), for domains whose codes follow it. */
export const statusCode = (status: number): string => STATUS_CODES[status] ?? 'REFUSED';

export const isDomainError = (err: unknown): err is DomainError => err instanceof DomainError;
