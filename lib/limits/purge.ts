/**
 * Scheduled housekeeping (instrumentation.ts, every minute): expired sign-in tokens and expired limit
 * counters are deleted. Plain DELETEs of rows already past their time, so running it twice, or in two
 * processes at once, deletes nothing twice and changes nothing else.
 */
import { getSql } from '@/lib/db/client';
import { utcParam } from '@/lib/db/sql-time';

/** Counters whose window ended more than this long ago are deleted (a little slack for clock skew). */
const LIMIT_ROW_SLACK_MS = 60_000;

export async function purgeExpired(now: Date = new Date()): Promise<{ verificationTokens: number; limitCounters: number }> {
  const sql = await getSql();
  const tokens = await sql.query<{ n: number }>(
    `WITH gone AS (DELETE FROM "VerificationToken" WHERE expires < ${utcParam('$1')} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [now.toISOString()],
  );
  const counters = await sql.query<{ n: number }>(
    `WITH gone AS (DELETE FROM "RateLimit" WHERE expire < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [now.getTime() - LIMIT_ROW_SLACK_MS],
  );
  return { verificationTokens: tokens[0]?.n ?? 0, limitCounters: counters[0]?.n ?? 0 };
}
