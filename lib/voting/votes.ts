/**
 * Casting and withdrawing votes, ballots and results.
 *
 * Integrity lives in the database, not in the app:
 * - a vote takes a slot on the patron's Ballot with `used = used + 1 … WHERE used < budget` (the
 *   Ballot CHECK `used BETWEEN 0 AND budget` is the last line of defence);
 * - one vote per patron per topic is the unique index Vote(userId, topicId);
 * - taking the slot, inserting the Vote and the VoteAudit row happen in ONE statement (a
 *   data-modifying CTE, i.e. one implicit transaction): a unique violation on the Vote aborts the
 *   whole statement, so the slot is given back; a full ballot inserts nothing.
 * The round/topic "open" conditions are part of that same statement, so a vote can never land in a
 * round that closed (or on a topic that was closed) a moment before. Eligibility is asked of
 * `patronStatus` on every call; a round's "joined before it opened" rule is part of the statement too.
 */
import { z } from 'zod';
import { getDb, getSql } from '@/lib/db/client';
import { patronStatus } from '@/lib/billing/patron-status';
import { hasRole, type Role } from '@/lib/auth/roles';
import { VotingError, newId, roundPhase, type RoundPhase, refusal } from './rules';
import { isUniqueViolation } from '@/lib/db/errors';

const idSchema = z.string().trim().min(1, 'An id is required').max(100, 'That id is too long');

export function parseId(value: unknown, what = 'id'): string {
  const r = idSchema.safeParse(value);
  if (!r.success) throw new VotingError('INVALID', `A valid ${what} is required.`);
  return r.data;
}

/** timestamp(3) columns hold UTC wall time; pass instants as ISO strings converted in SQL (independent of session TimeZone). */
const utc = (d: Date) => d.toISOString();

export type CastResult = { voteId: string; topicId: string; roundId: string; used: number; budget: number; remaining: number };
export type WithdrawResult = { topicId: string; roundId: string; used: number; budget: number; remaining: number };

/*
 * The hot statements run on the raw-SQL path (getSql): at 100 concurrent patrons Prisma's per-query
 * client CPU was the first limit, then PostgreSQL parsing and planning this CTE on every call, hence
 * named (prepared) statements (bench/README.md, "votes"). Parameters: $1 user, $2 topic, $3 now (ISO
 * instant), and for the cast $4 the new vote's id, $5 the audit action.
 */
const NOW_UTC = `($3::timestamptz AT TIME ZONE 'UTC')`;

/**
 * "Joined before the round opened": one of the user's subscriptions had started before `round`.opensAt
 * and had not ended by then, i.e. they were already subscribed when the round opened. Read from
 * Subscription (Stripe's startedAt/endedAt, the rows patronStatus reads and every patron has), not from
 * the analytics history. A former patron who comes back after the opening is refused; so is a brand new
 * one. One indexed lookup (Subscription.userId).
 */
export const joinedBeforeOpenSql = (user: string, round: string) =>
  `EXISTS (SELECT 1 FROM "Subscription" s WHERE s."userId" = ${user} AND s."startedAt" < ${round}."opensAt" AND (s."endedAt" IS NULL OR s."endedAt" > ${round}."opensAt"))`;

const CAST_SQL = `
  WITH target AS (
    SELECT t."roundId", r."votesPerPatron" AS budget
    FROM "Topic" t JOIN "Round" r ON r.id = t."roundId"
    WHERE t.id = $2::text AND t.status = 'OPEN' AND r.status = 'OPEN'
      AND r."opensAt" <= ${NOW_UTC} AND r."closesAt" > ${NOW_UTC}
      AND (NOT r."joinedBeforeOpenOnly" OR ${joinedBeforeOpenSql('$1::text', 'r')})
    -- Waits for a concurrent merge/decline of this topic and re-checks its status afterwards.
    FOR KEY SHARE OF t
  ), slot AS (
    INSERT INTO "Ballot" ("userId", "roundId", budget, used, "updatedAt")
    SELECT $1::text, "roundId", budget, 1, ${NOW_UTC} FROM target
    ON CONFLICT ("userId", "roundId") DO UPDATE
      SET used = "Ballot".used + 1, "updatedAt" = EXCLUDED."updatedAt"
      WHERE "Ballot".used < "Ballot".budget
    RETURNING "roundId", used, budget
  ), vote AS (
    INSERT INTO "Vote" (id, "userId", "topicId", "roundId", "createdAt")
    SELECT $4::text, $1::text, $2::text, "roundId", ${NOW_UTC} FROM slot
    RETURNING id, "roundId"
  ), audit AS (
    INSERT INTO "VoteAudit" (id, "userId", "topicId", "roundId", action, "createdAt")
    SELECT gen_random_uuid()::text, $1::text, $2::text, "roundId", $5::text, ${NOW_UTC} FROM vote
  )
  SELECT slot.used, slot.budget, vote.id AS "voteId", vote."roundId"
  FROM (SELECT 1) AS one LEFT JOIN slot ON true LEFT JOIN vote ON true`;

const WITHDRAW_SQL = `
  WITH gone AS (
    DELETE FROM "Vote" v USING "Round" r
    WHERE v."userId" = $1::text AND v."topicId" = $2::text AND r.id = v."roundId" AND r.status = 'OPEN'
      AND r."opensAt" <= ${NOW_UTC} AND r."closesAt" > ${NOW_UTC}
    RETURNING v."roundId"
  ), freed AS (
    UPDATE "Ballot" b SET used = b.used - 1, "updatedAt" = ${NOW_UTC}
    FROM gone WHERE b."userId" = $1::text AND b."roundId" = gone."roundId"
    RETURNING b.used, b.budget
  ), audit AS (
    INSERT INTO "VoteAudit" (id, "userId", "topicId", "roundId", action, "createdAt")
    SELECT gen_random_uuid()::text, $1::text, $2::text, "roundId", 'withdrawn', ${NOW_UTC} FROM gone
  )
  SELECT gone."roundId", freed.used, freed.budget FROM gone LEFT JOIN freed ON true`;

type CastOptions = { now?: Date; action?: 'cast' | 'converted'; skipPatronCheck?: boolean };

/**
 * Casts `userId`'s vote for `topicId`. Throws VotingError with a human message when refused:
 * NOT_PATRON, UNKNOWN_TOPIC, ROUND_CLOSED, ROUND_NOT_OPEN, TOPIC_NOT_OPEN, JOINED_AFTER_OPEN, DUPLICATE, BUDGET.
 */
export async function castVote(userIdIn: string, topicIdIn: string, opts: CastOptions = {}): Promise<CastResult> {
  const userId = parseId(userIdIn, 'user');
  const topicId = parseId(topicIdIn, 'topic');
  const now = opts.now ?? new Date();
  const sql = await getSql();

  if (!opts.skipPatronCheck) {
    const status = await patronStatus(userId, now);
    if (!status.isPatron) throw refusal('NOT_PATRON', 'notPatron');
  }

  const voteId = newId();
  const action = opts.action ?? 'cast';
  let rows: { used: number | null; budget: number | null; voteId: string | null; roundId: string | null }[];
  try {
    rows = await sql.query(CAST_SQL, [userId, topicId, utc(now), voteId, action], { prepared: true });
  } catch (err) {
    // Vote(userId, topicId) already exists: the statement (and the slot it took) was rolled back.
    if (isUniqueViolation(err)) throw refusal('DUPLICATE', 'duplicate');
    throw err;
  }
  const row = rows[0];
  if (row?.voteId && row.roundId && row.used !== null && row.budget !== null) {
    return { voteId: row.voteId, topicId, roundId: row.roundId, used: row.used, budget: row.budget, remaining: row.budget - row.used };
  }
  throw await explainRefusal(userId, topicId, now);
}

/** Why did the cast statement change nothing? Reads the current state (one query) and names the reason. */
async function explainRefusal(userId: string, topicId: string, now: Date): Promise<VotingError> {
  const sql = await getSql();
  const [topic] = await sql.query<{
    topicStatus: string;
    roundStatus: 'DRAFT' | 'OPEN' | 'CLOSED';
    opensAt: Date;
    closesAt: Date;
    votesPerPatron: number;
    voted: boolean;
    ballotBudget: number | null;
    eligible: boolean;
  }>(
    `SELECT t.status::text AS "topicStatus", r.status::text AS "roundStatus",
            r."opensAt" AT TIME ZONE 'UTC' AS "opensAt", r."closesAt" AT TIME ZONE 'UTC' AS "closesAt", r."votesPerPatron",
            (NOT r."joinedBeforeOpenOnly" OR ${joinedBeforeOpenSql('$1', 'r')}) AS eligible,
            EXISTS (SELECT 1 FROM "Vote" v WHERE v."userId" = $1 AND v."topicId" = t.id) AS voted,
            (SELECT b.budget FROM "Ballot" b WHERE b."userId" = $1 AND b."roundId" = t."roundId") AS "ballotBudget"
       FROM "Topic" t JOIN "Round" r ON r.id = t."roundId"
      WHERE t.id = $2`,
    [userId, topicId],
  );
  if (!topic) return refusal('UNKNOWN_TOPIC', 'unknownTopic');
  const phase = roundPhase({ status: topic.roundStatus, opensAt: topic.opensAt, closesAt: topic.closesAt }, now);
  if (phase === 'CLOSED') return refusal('ROUND_CLOSED', 'roundClosed');
  if (phase !== 'OPEN') return refusal('ROUND_NOT_OPEN', 'roundNotOpen');
  if (topic.topicStatus === 'PROPOSED') return refusal('UNKNOWN_TOPIC', 'unknownTopic');
  if (topic.topicStatus !== 'OPEN') return refusal('TOPIC_NOT_OPEN', 'topicNotOpen');
  if (!topic.eligible) return refusal('JOINED_AFTER_OPEN', 'joinedAfterOpen', { date: topic.opensAt });
  if (topic.voted) return refusal('DUPLICATE', 'duplicate');
  return refusal('BUDGET', 'budget', { count: topic.ballotBudget ?? topic.votesPerPatron });
}

/**
 * Withdraws `userId`'s vote for `topicId` while the round is open, giving the slot back. One statement:
 * delete the Vote, `used = used - 1`, audit "withdrawn". No patron check: anyone may take back their own vote.
 */
export async function withdrawVote(userIdIn: string, topicIdIn: string, opts: { now?: Date } = {}): Promise<WithdrawResult> {
  const userId = parseId(userIdIn, 'user');
  const topicId = parseId(topicIdIn, 'topic');
  const now = opts.now ?? new Date();
  const sql = await getSql();
  const rows = await sql.query<{ roundId: string | null; used: number | null; budget: number | null }>(
    WITHDRAW_SQL,
    [userId, topicId, utc(now)],
    { prepared: true },
  );
  const row = rows[0];
  if (row?.roundId) {
    const used = row.used ?? 0;
    const budget = row.budget ?? 0;
    return { topicId, roundId: row.roundId, used, budget, remaining: budget - used };
  }
  const db = await getDb();
  const topic = await db.topic.findUnique({
    where: { id: topicId },
    select: { round: { select: { status: true, opensAt: true, closesAt: true } } },
  });
  if (!topic) throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
  const phase = roundPhase(topic.round, now);
  if (phase === 'CLOSED') throw refusal('ROUND_CLOSED', 'roundClosed');
  if (phase !== 'OPEN') throw refusal('ROUND_NOT_OPEN', 'roundNotOpen');
  throw refusal('NOT_VOTED', 'notVoted');
}

export type MyBallot = { roundId: string; budget: number; used: number; remaining: number; topicIds: string[] };

/**
 * The patron's ballot in a round (budget from the round until they first vote). Null for an unknown
 * round. A caller that already loaded the round passes its `votesPerPatron` as `roundBudget`, which
 * saves reading the round again.
 */
export async function myBallot(
  userIdIn: string,
  roundIdIn: string,
  { roundBudget }: { roundBudget?: number } = {},
): Promise<MyBallot | null> {
  const userId = parseId(userIdIn, 'user');
  const roundId = parseId(roundIdIn, 'round');
  const db = await getDb();
  const [round, ballot, votes] = await Promise.all([
    roundBudget === undefined
      ? db.round.findUnique({ where: { id: roundId }, select: { votesPerPatron: true } })
      : { votesPerPatron: roundBudget },
    db.ballot.findUnique({ where: { userId_roundId: { userId, roundId } }, select: { budget: true, used: true } }),
    db.vote.findMany({ where: { userId, roundId }, select: { topicId: true }, orderBy: { createdAt: 'asc' } }),
  ]);
  if (!round) return null;
  const budget = ballot?.budget ?? round.votesPerPatron;
  const used = ballot?.used ?? 0;
  return { roundId, budget, used, remaining: Math.max(0, budget - used), topicIds: votes.map((v) => v.topicId) };
}

export type Turnout = { voters: number; votes: number };

/** Distinct patrons who voted in the round and the votes they cast (one indexed count; no topics loaded). */
export async function roundTurnout(roundIdIn: string): Promise<Turnout> {
  const roundId = parseId(roundIdIn, 'round');
  const sql = await getSql();
  const [row] = await sql.query<Turnout>(
    `SELECT count(DISTINCT "userId")::int AS voters, count(*)::int AS votes FROM "Vote" WHERE "roundId" = $1`,
    [roundId],
  );
  return row ?? { voters: 0, votes: 0 };
}

export type Viewer = { id: string; role: Role } | null | undefined;

export type TopicResult = {
  id: string;
  title: string;
  description: string;
  status: 'OPEN' | 'COMMISSIONED' | 'PUBLISHED' | 'DECLINED';
  declineReason: string | null;
  sectionId: string | null;
  /** null while results are hidden. */
  votes: number | null;
  /** 1-based, ties share a rank; null while hidden. */
  rank: number | null;
  articles: { slug: string; title: string }[];
  /** Title and description in other languages (lib/i18n/content.ts `localized`). */
  translations?: unknown;
};

export type RoundResults = {
  round: {
    id: string;
    slug: string;
    title: string;
    description: string;
    commitment: string;
    opensAt: Date;
    closesAt: Date;
    closedAt: Date | null;
    votesPerPatron: number;
    suggestionsPerPatron: number;
    resultsVisibility: 'LIVE' | 'AFTER_CLOSE';
    joinedBeforeOpenOnly: boolean;
    translations?: unknown;
  };
  phase: RoundPhase;
  /** Whether counts are shown to this viewer. */
  visible: boolean;
  topics: TopicResult[];
  /** Distinct patrons who voted and votes cast; null while hidden. */
  turnout: Turnout | null;
};

/** A round row as loaded by lib/voting/rounds.ts (`RoundSummary`) or Prisma: enough to skip loading it again. */
export type RoundRecord = RoundResults['round'] & { status: 'DRAFT' | 'OPEN' | 'CLOSED' };

/**
 * Results of a round for `viewer`. Counts are shown when the round is closed, when the round shows
 * results LIVE, or to EDITOR+. Topics that are proposed (unmoderated) or merged are left out; ranked
 * by votes (ties share a rank) when visible, otherwise in the order they were added. Pass the round
 * itself instead of its id when the caller has already loaded it (one query fewer per page).
 */
export async function roundResults(
  roundOrId: string | RoundRecord,
  { viewer, now = new Date() }: { viewer?: Viewer; now?: Date } = {},
): Promise<RoundResults | null> {
  const db = await getDb();
  const round = typeof roundOrId === 'string' ? await db.round.findUnique({ where: { id: parseId(roundOrId, 'round') } }) : roundOrId;
  if (!round) return null;
  const roundId = round.id;
  const phase = roundPhase(round, now);
  const visible = phase === 'CLOSED' || round.resultsVisibility === 'LIVE' || hasRole(viewer?.role, 'EDITOR');
  const [topics, counts, turnout] = await Promise.all([
    db.topic.findMany({
      where: { roundId, status: { in: ['OPEN', 'COMMISSIONED', 'PUBLISHED', 'DECLINED'] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        title: true,
        description: true,
        status: true,
        declineReason: true,
        sectionId: true,
        translations: true,
        articles: {
          select: { article: { select: { slug: true, title: true, status: true, publishedAt: true } } },
          orderBy: { createdAt: 'asc' },
        },
      },
    }),
    visible ? db.vote.groupBy({ by: ['topicId'], where: { roundId }, _count: { _all: true } }) : Promise.resolve([]),
    visible ? roundTurnout(roundId) : Promise.resolve(null),
  ]);
  const byTopic = new Map(counts.map((c) => [c.topicId, c._count._all]));
  const t = now.getTime();
  const results: TopicResult[] = topics.map((tp) => {
    const articles = tp.articles
      .map((a) => a.article)
      .filter((a) => (a.status === 'PUBLISHED' || a.status === 'SCHEDULED') && a.publishedAt !== null && a.publishedAt.getTime() <= t)
      .map((a) => ({ slug: a.slug, title: a.title }));
    return {
      id: tp.id,
      title: tp.title,
      description: tp.description,
      // A topic whose linked article is live counts as published even before the status sync ran.
      status: articles.length > 0 && tp.status !== 'DECLINED' ? 'PUBLISHED' : (tp.status as TopicResult['status']),
      declineReason: tp.status === 'DECLINED' ? tp.declineReason : null,
      sectionId: tp.sectionId,
      votes: visible ? (byTopic.get(tp.id) ?? 0) : null,
      rank: null,
      articles,
      translations: tp.translations,
    };
  });
  if (visible) {
    results.sort((a, b) => b.votes! - a.votes! || a.title.localeCompare(b.title));
    let rank = 0;
    results.forEach((r, i) => {
      if (i === 0 || r.votes !== results[i - 1]!.votes) rank = i + 1;
      r.rank = rank;
    });
  }
  return {
    round: {
      id: round.id,
      slug: round.slug,
      title: round.title,
      description: round.description,
      commitment: round.commitment,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      closedAt: round.closedAt ?? (phase === 'CLOSED' ? round.closesAt : null),
      votesPerPatron: round.votesPerPatron,
      suggestionsPerPatron: round.suggestionsPerPatron,
      resultsVisibility: round.resultsVisibility,
      joinedBeforeOpenOnly: round.joinedBeforeOpenOnly,
      translations: round.translations ?? null,
    },
    phase,
    visible,
    topics: results,
    turnout,
  };
}
