/**
 * The one error type of Patronage's domain code: a refusal a person can act on. It carries a stable
 * code for scripts, the HTTP status a route answers with, a sentence for people and, for forms, a
 * sentence per field. Every domain's refusal (voting, tiers, checkout, spending, imports, dashboard
 * and member queries) extends it; routes and actions catch `DomainError`, never a name or a shape.
 */
export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fieldErrors: FieldErrors;

  constructor(opts: { code: string; status: number; message: string; fieldErrors?: FieldErrors }) {
    super(opts.message);
    this.name = new.target.name;
    this.code = opts.code;
    this.status = opts.status;
    this.fieldErrors = opts.fieldErrors ?? {};
  }
}

const STATUS_CODES: Record<number, string> = { 400: 'INVALID', 401: 'NOT_SIGNED_IN', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' };

/** The code suffix of a refusal's status (400 → INVALID, 404 → NOT_FOUND, 409 → CONFLICT …), for domains whose codes follow it. */
export const statusCode = (status: number): string => STATUS_CODES[status] ?? 'REFUSED';

export const isDomainError = (err: unknown): err is DomainError => err instanceof DomainError;
