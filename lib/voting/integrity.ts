/**
 * Vote integrity shown on every round page: who could vote, the budget per patron, how many could vote
 * and how many did.
 *
 * "Could vote" = patrons at the round's reference instant (now while it runs, its close once closed),
 * counted with the dashboard's rule (`patronJustBefore` on the subscription history, so the figure
 * agrees with /dashboard's active patrons at that instant), narrowed by the round's
 * "joined before it opened" rule when it has one (the same SQL condition the cast statement uses),
 * plus anyone who actually voted (a voter whose patronage lapsed before the close still could vote),
 * so turnout never exceeds 100%.
 */
import { getSql } from '@/lib/db/client';
import { patronJustBefore } from '@/lib/analytics/dashboard';
import { graceDays } from '@/lib/billing/config';
import { joinedBeforeOpenSql, parseId } from './votes';
import { roundPhase } from './rules';

export type RoundIntegrity = {
  /** Votes each patron has in the round. */
  budget: number;
  /** Whether only patrons who joined before the round opened may vote. */
  joinedBeforeOpenOnly: boolean;
  opensAt: Date;
  /** Days a patron whose payment failed keeps voting rights. */
  graceDays: number;
  /** The instant `eligible` is counted at. */
  at: Date;
  eligible: number;
  voters: number;
  votes: number;
  /** voters / eligible, 0–1; null when nobody could vote. */
  turnout: number | null;
};

type RoundForIntegrity = {
  id: string;
  status: 'DRAFT' | 'OPEN' | 'CLOSED';
  opensAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  votesPerPatron: number;
  joinedBeforeOpenOnly: boolean;
};

/**
 * Closed rounds' figures no longer change (counted at the close; no vote can land after it): kept per
 * process, plain values only (never promises: README "Memory"). A running round is counted on every
 * view, so a patron sees their own vote in the turnout at once.
 */
const closedMemo = new Map<string, RoundIntegrity>();

export function clearIntegrityMemo(): void {
  closedMemo.clear();
}

export async function roundIntegrity(
  round: RoundForIntegrity,
  { now = new Date(), fresh = false }: { now?: Date; fresh?: boolean } = {},
): Promise<RoundIntegrity> {
  const roundId = parseId(round.id, 'round');
  const phase = roundPhase(round, now);
  const at = phase === 'CLOSED' ? (round.closedAt ?? round.closesAt) : now;
  const key = `${roundId}|${at.toISOString()}|${round.joinedBeforeOpenOnly}`;
  const hit = phase === 'CLOSED' && !fresh ? closedMemo.get(key) : undefined;
  if (hit) return hit;

  const sql = await getSql();
  const [row] = await sql.query<{ eligible: number; voters: number; votes: number }>(
    `WITH r AS (SELECT id, "opensAt", "joinedBeforeOpenOnly" FROM "Round" WHERE id = $1),
          patrons AS (
            SELECT DISTINCT c."userId" FROM "SubscriptionChange" c, r
             WHERE ${patronJustBefore('$2')}
               AND (NOT r."joinedBeforeOpenOnly" OR ${joinedBeforeOpenSql('c."userId"', 'r')})),
          voters AS (SELECT DISTINCT "userId" FROM "Vote" WHERE "roundId" = $1)
     SELECT (SELECT count(*) FROM (SELECT "userId" FROM patrons UNION SELECT "userId" FROM voters) e)::int AS eligible,
            (SELECT count(*) FROM voters)::int AS voters,
            (SELECT count(*) FROM "Vote" WHERE "roundId" = $1)::int AS votes`,
    [roundId, at.toISOString()],
  );
  const eligible = row?.eligible ?? 0;
  const voters = row?.voters ?? 0;
  const value: RoundIntegrity = {
    budget: round.votesPerPatron,
    joinedBeforeOpenOnly: round.joinedBeforeOpenOnly,
    opensAt: round.opensAt,
    graceDays: graceDays(),
    at,
    eligible,
    voters,
    votes: row?.votes ?? 0,
    turnout: eligible > 0 ? voters / eligible : null,
  };
  if (phase === 'CLOSED') {
    if (closedMemo.size > 500) closedMemo.clear();
    closedMemo.set(key, value);
  }
  return value;
}

/** Whether the round's "joined before it opened" rule lets `userId` vote (true when the round has no such rule). */
export async function meetsJoinRule(userIdIn: string, roundIdIn: string): Promise<boolean> {
  const userId = parseId(userIdIn, 'user');
  const roundId = parseId(roundIdIn, 'round');
  const sql = await getSql();
  const [row] = await sql.query<{ ok: boolean }>(
    `SELECT (NOT r."joinedBeforeOpenOnly" OR ${joinedBeforeOpenSql('$1', 'r')}) AS ok FROM "Round" r WHERE r.id = $2`,
    [userId, roundId],
  );
  return row?.ok ?? false;
}
