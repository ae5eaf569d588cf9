/**
 * MemberSummary (one row per user, see schema.prisma): what the staff member list filters and sorts on
 * and what retention groups by, so that neither passes over every subscription and vote.
 *
 * - Vote columns (first vote, first vote on a published topic) are kept exact by triggers.
 * - joinedAt is User.createdAt; tierId falls back to the tier imported from CSV.
 * - Subscription columns are the member's deciding subscription at some instant and its rank in
 *   PATRON_STATE_ORDER, i.e. what `statusFromSubscriptions` (the one rule) answers, computed in SQL by
 *   `subscriptionRankSql` (pinned to `statusOfOne` by members.test.ts). A member's answer only changes
 *   when their subscriptions change (a trigger marks the row stale) or at a known instant (period end
 *   while canceling, grace end while past due, endedAt): the row stores the window [validFrom,
 *   validUntil) in which its answer holds. `refreshMemberSummaries(now)` recomputes the rows that are
 *   stale or whose window does not contain `now`; at steady state that is a handful of rows.
 *
 * Concurrency: a refresh reads each row's version with the subscriptions (one snapshot) and writes only
 * where the version is unchanged, so a webhook that lands meanwhile leaves its row stale for the next
 * refresh instead of being overwritten by older data.
 */
import { getSql } from '@/lib/db/client';
import type { Sql } from '@/lib/db/sql';
import { utcParam } from '@/lib/db/sql-time';
import { graceDays as graceDaysFromEnv } from '@/lib/billing/config';
import type { PatronState } from '@/lib/billing/patron-status';

/** Patron states in order of preference (lower wins), as statusFromSubscriptions ranks them. */
export const PATRON_STATE_ORDER = [
  'active',
  'trialing',
  'canceling',
  'past_due_grace',
  'past_due_lapsed',
  'paused',
  'ended',
  'none',
  'gifted',
] as const satisfies readonly PatronState[];
// 'gifted' (a redeemed gift membership, lib/gifts) is last and never computed here: the summary follows
// subscriptions only, so a gifted member's row shows their subscription state (gifts are counted apart).
export const NONE_RANK = PATRON_STATE_ORDER.indexOf('none');
/** active, trialing, canceling, past_due_grace: the states in which isPatron. */
export const PATRON_RANKS = [0, 1, 2, 3];

/**
 * SQL form of `statusOfOne` for the subscription aliased `s`: its rank in PATRON_STATE_ORDER.
 * `now` is a timestamp expression (UTC wall time, like the columns) and `grace` the grace period in days.
 */
export function subscriptionRankSql(now: string, grace: string): string {
  const rank = (state: PatronState) => PATRON_STATE_ORDER.indexOf(state);
  return `CASE
    WHEN s."endedAt" IS NOT NULL AND s."endedAt" <= ${now} THEN ${rank('ended')}
    WHEN s."pauseBehavior" IS NOT NULL AND s.status IN ('active', 'trialing', 'past_due') AND (s."pauseResumesAt" IS NULL OR ${now} < s."pauseResumesAt") THEN ${rank('paused')}
    WHEN s.status IN ('active', 'trialing') AND s."cancelAtPeriodEnd" AND ${now} < s."currentPeriodEnd" THEN ${rank('canceling')}
    WHEN s.status IN ('active', 'trialing') AND s."cancelAtPeriodEnd" THEN ${rank('ended')}
    WHEN s.status = 'active' THEN ${rank('active')}
    WHEN s.status = 'trialing' THEN ${rank('trialing')}
    WHEN s.status = 'past_due' AND ${now} < ${graceEndSql(grace)} THEN ${rank('past_due_grace')}
    WHEN s.status = 'past_due' THEN ${rank('past_due_lapsed')}
    WHEN s.status IN ('canceled', 'unpaid', 'incomplete_expired') THEN ${rank('ended')}
    ELSE ${rank('none')}
  END`;
}

const graceEndSql = (grace: string) => `COALESCE(s."pastDueSince", s."currentPeriodStart") + ${grace} * interval '1 day'`;

/**
 * The instants at which subscription `s`'s rank can change on its own, exactly the comparisons with
 * "now" in `subscriptionRankSql` (NULL where there is none). Between two of them the rank is constant.
 */
function transitionsSql(grace: string): string {
  return `(VALUES (s."endedAt"),
                  (CASE WHEN s.status IN ('active', 'trialing') AND s."cancelAtPeriodEnd" THEN s."currentPeriodEnd" END),
                  (CASE WHEN s.status = 'past_due' THEN ${graceEndSql(grace)} END),
                  (CASE WHEN s."pauseBehavior" IS NOT NULL THEN s."pauseResumesAt" END))`;
}

/** Rows to recompute at instant $1: stale, or their window does not contain it. */
const dueCondition = `(ms."stale" OR ms."validUntil" <= ${utcParam('$1')} OR ms."validFrom" > ${utcParam('$1')})`;
/** From this many due rows on, statistics are refreshed before the refresh is planned. */
const MANY_DUE = 1000;

/** The refresh: due rows recomputed at $1 with grace $2. */
function refreshStatement(): string {
  const now = utcParam('$1');
  const grace = '$2::float8';
  return `WITH due AS (
      SELECT ms."userId", ms."version" FROM "MemberSummary" ms WHERE ${dueCondition}
    ), decided AS (
      SELECT DISTINCT ON (s."userId") s."userId", ${subscriptionRankSql(now, grace)} AS rank, s.id, s."tierId", s.interval, s.currency,
             CASE WHEN s.interval = 'YEAR' THEN s.amount / 12.0 ELSE s.amount END AS monthly
        FROM due JOIN "Subscription" s ON s."userId" = due."userId"
       ORDER BY s."userId", 2, s."currentPeriodEnd" DESC, s.id
    ), bounds AS (
      SELECT s."userId", max(x.t) FILTER (WHERE x.t <= ${now}) AS lo, min(x.t) FILTER (WHERE x.t > ${now}) AS hi
        FROM due JOIN "Subscription" s ON s."userId" = due."userId" CROSS JOIN LATERAL ${transitionsSql(grace)} AS x(t)
       GROUP BY s."userId"
    ), refreshed AS (
    UPDATE "MemberSummary" ms
       SET "stale" = false, "rank" = COALESCE(d.rank, ${NONE_RANK}), "subscriptionId" = d.id, "tierId" = COALESCE(d."tierId", u."importedTierId"),
           "cadence" = d.interval, "currency" = d.currency, "monthlyAmount" = d.monthly,
           "validFrom" = b.lo, "validUntil" = b.hi, "graceDays" = ${grace}
      FROM due JOIN "User" u ON u.id = due."userId"
      LEFT JOIN decided d ON d."userId" = due."userId" LEFT JOIN bounds b ON b."userId" = due."userId"
     WHERE ms."userId" = due."userId" AND ms."version" = due."version"
    RETURNING 1
    )
    SELECT count(*)::int AS n FROM refreshed`;
}

/**
 * Per database: the grace period the rows were last checked against, and when. Checked again every
 * GRACE_RECHECK_MS, not once per process: with several nodes, one still running with an older
 * PATRON_GRACE_DAYS (during a change) writes rows with its value, and the others must re-mark them.
 */
const graceChecked = new WeakMap<Sql, { grace: number; at: number }>();
export const GRACE_RECHECK_MS = 60_000;

/**
 * Brings every member's subscription columns up to date for instant `now` (call before reading them).
 * Returns how many rows it recomputed.
 */
export async function refreshMemberSummaries(now: Date = new Date(), sql?: Sql): Promise<number> {
  const db = sql ?? (await getSql());
  const grace = graceDaysFromEnv();
  const checked = graceChecked.get(db);
  if (checked?.grace !== grace || Date.now() - checked.at >= GRACE_RECHECK_MS) {
    // Rows computed with another grace period (two index ranges rather than <>, which would read
    // every row; in steady state they find nothing).
    await db.query(
      `UPDATE "MemberSummary" SET "stale" = true, "version" = "version" + 1 WHERE ("graceDays" < $1::float8 OR "graceDays" > $1::float8) AND NOT "stale"`,
      [grace],
    );
    graceChecked.set(db, { grace, at: Date.now() });
  }
  // Usually a handful of rows are due. When many are (a rebuild, a mass change, a long quiet spell),
  // the planner's statistics still say "few" and it would join them with the subscriptions by nested
  // loops over the whole table (minutes at 100,000 members): refresh the statistics first.
  const [due] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM "MemberSummary" ms WHERE ${dueCondition} LIMIT ${MANY_DUE}) d`,
    [now.toISOString()],
  );
  if ((due?.n ?? 0) >= MANY_DUE) {
    // Only the table's owner may ANALYZE: a database role without that right still gets its answer, slower.
    await db
      .query(`ANALYZE "MemberSummary"`, [])
      .catch((e: unknown) => console.warn('[member summary] ANALYZE skipped:', e instanceof Error ? e.message : e));
  }
  const [row] = await db.query<{ n: number }>(refreshStatement(), [now.toISOString(), grace]);
  return row?.n ?? 0;
}

/**
 * Rebuilds every row from scratch (after a restore, or from `npm run analytics:recompute`): a row for
 * every user, vote columns recomputed, subscription columns recomputed at `now`.
 */
export async function rebuildMemberSummaries(now: Date = new Date(), sql?: Sql): Promise<{ members: number }> {
  const db = sql ?? (await getSql());
  await db.query(
    `INSERT INTO "MemberSummary" ("userId", "joinedAt") SELECT u.id, u."createdAt" FROM "User" u
     ON CONFLICT ("userId") DO UPDATE SET "joinedAt" = EXCLUDED."joinedAt"`,
    [],
  );
  await db.query(
    `UPDATE "MemberSummary" ms
        SET "stale" = true, "version" = ms."version" + 1,
            "firstVotedAt" = x.first_vote, "firstPublishedVoteAt" = x.first_published
       FROM "MemberSummary" m
       LEFT JOIN (
         SELECT v."userId", min(v."createdAt") AS first_vote,
                -- "published" as the migration's member_summary_topic_published says, inlined: one join, not a call per vote
                min(v."createdAt") FILTER (WHERE t.status = 'PUBLISHED' OR EXISTS (SELECT 1 FROM "TopicArticle" ta WHERE ta."topicId" = t.id)) AS first_published
           FROM "Vote" v JOIN "Topic" t ON t.id = v."topicId" GROUP BY v."userId"
       ) x ON x."userId" = m."userId"
      WHERE ms."userId" = m."userId"`,
    [],
  );
  await refreshMemberSummaries(now, db);
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "MemberSummary"`, []);
  return { members: row?.n ?? 0 };
}
