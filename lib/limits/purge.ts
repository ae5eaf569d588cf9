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
  // Pay first: a guest checkout nobody paid for is kept for a week (a Checkout session lasts a day at most).
  await sql.query(`DELETE FROM "GuestCheckout" WHERE "outcome" IS NULL AND "createdAt" < ${utcParam('$1')}`, [
    new Date(now.getTime() - 7 * 86_400_000).toISOString(),
  ]);
  return { verificationTokens: tokens[0]?.n ?? 0, limitCounters: counters[0]?.n ?? 0 };
}
