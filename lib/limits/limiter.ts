/**
 * Abuse limits kept in the database, shared by every app process: rate-limiter-flexible's
 * RateLimiterPostgres on the "RateLimit" table (created by a Prisma migration, so `tableCreated`).
 *
 * The store speaks to the database through `getSql()`, the raw-SQL path on the app's one client: the
 * `pg` pool on PostgreSQL (a statement the library names is prepared, named after its text as every
 * prepared statement is: lib/db `QueryOptions.prepared`) and the PGlite instance in
 * embedded mode. rate-limiter-flexible calls `client.query({ text, values, name })` and reads `rows`
 * and `rowCount`; PGlite's own `query(text, params)` has another shape, so `storeClientOn` adapts our
 * `Sql` to the pg-style call for both. Counting is one atomic upsert per request.
 */
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { getSql } from '@/lib/db/client';
import type { Sql } from '@/lib/db/sql';
import type { Locale } from '@/lib/i18n/locales';
import { limitMessage } from './messages';
import { limitRule, type LimitName } from './settings';

export const RATE_LIMIT_TABLE = 'RateLimit';

/** Over a limit: which one, how long to wait, and the sentence in English (`limitMessageIn` says it in another language). */
export type LimitResult = { ok: true } | { ok: false; name: LimitName; retryAfterSeconds: number; message: string };
export type LimitRefusal = Extract<LimitResult, { ok: false }>;

/** The refusal's sentence in the language of the person who was limited. */
export function limitMessageIn(result: LimitRefusal, locale: Locale): string {
  return limitMessage(result.name, result.retryAfterSeconds, locale);
}

/** The pg-style client rate-limiter-flexible expects, on our raw-SQL path (PostgreSQL or PGlite). */
export function storeClientOn(sql: Sql) {
  return {
    async query(q: { text: string; values?: unknown[]; name?: string }) {
      const rows = await sql.query<Record<string, unknown>>(q.text, q.values ?? [], { prepared: Boolean(q.name) });
      // PGlite reads bigint as a JS BigInt; the library does arithmetic with `expire`.
      for (const row of rows) for (const [k, v] of Object.entries(row)) if (typeof v === 'bigint') row[k] = Number(v);
      // Every statement whose count the library reads (its SELECT and its upsert … RETURNING) returns its rows.
      return { rows, rowCount: rows.length };
    },
  };
}

const limiters = new WeakMap<Sql, Map<string, RateLimiterPostgres>>();

function limiterFor(sql: Sql, name: LimitName, points: number, duration: number): RateLimiterPostgres {
  let byKey = limiters.get(sql);
  if (!byKey) limiters.set(sql, (byKey = new Map()));
  const id = `${name}:${points}/${duration}`;
  let limiter = byKey.get(id);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: storeClientOn(sql),
      storeType: 'client',
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      // Expired rows are purged by the scheduled job (lib/limits/purge.ts), not by a timer per limiter.
      clearExpiredByTimeout: false,
      keyPrefix: name,
      points,
      duration,
    });
    byKey.set(id, limiter);
  }
  return limiter;
}

/** The stored key: no address or id in clear, and always short enough for the key column. */
const subjectKey = (subject: string) => createHash('sha256').update(subject.trim().toLowerCase()).digest('base64url');

/**
 * Counts one request of `subject` (an email address, a user id, an IP) against limit `name`. Over
 * the limit: `ok: false` with how long to wait and a sentence for people; the caller then sends and
 * writes nothing.
 */
export async function consumeLimit(name: LimitName, subject: string): Promise<LimitResult> {
  const rule = limitRule(name);
  if (!rule) return { ok: true };
  const limiter = limiterFor(await getSql(), name, rule.points, rule.durationSeconds);
  try {
    await limiter.consume(subjectKey(subject));
    return { ok: true };
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfterSeconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    return { ok: false, name, retryAfterSeconds, message: limitMessage(name, retryAfterSeconds) };
  }
}

/** Checks several limits in order; the first one over its limit answers. */
export async function consumeLimits(checks: [LimitName, string][]): Promise<LimitResult> {
  for (const [name, subject] of checks) {
    const r = await consumeLimit(name, subject);
    if (!r.ok) return r;
  }
  return { ok: true };
}

/** 429 with Retry-After and `{ error }` in `locale` (never cached). */
export function tooManyRequests(result: LimitRefusal, locale: Locale = 'en', extra: Record<string, unknown> = {}): Response {
  return Response.json(
    { error: limitMessageIn(result, locale), code: 'RATE_LIMITED', ...extra },
    { status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds), 'Cache-Control': 'private, no-store' } },
  );
}
