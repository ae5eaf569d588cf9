/**
 * Pending votes: a signed-in reader who is not (yet) a patron can "pick" topics. The picks are kept
 * (PendingVote) and turned into real votes when their first payment lands.
 */
import { getDb } from '@/lib/db/client';
import { patronStatus } from '@/lib/billing/patron-status';
import { castVote, parseId } from './votes';
import { roundPhase, VotingError, refusal } from './rules';
import { isUniqueViolation } from '@/lib/db/errors';

/** Remembers that `userId` would vote for `topicId` (an OPEN topic of an open round). Idempotent. */
export async function pickTopicAsNonPatron(userIdIn: string, topicIdIn: string, { now = new Date() }: { now?: Date } = {}) {
  const userId = parseId(userIdIn, 'user');
  const topicId = parseId(topicIdIn, 'topic');
  const db = await getDb();
  const topic = await db.topic.findUnique({
    where: { id: topicId },
    select: { status: true, round: { select: { status: true, opensAt: true, closesAt: true } } },
  });
  if (!topic || topic.status === 'PROPOSED') throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
  const phase = roundPhase(topic.round, now);
  if (phase === 'CLOSED') throw refusal('ROUND_CLOSED', 'roundClosed');
  if (phase !== 'OPEN') throw refusal('ROUND_NOT_OPEN', 'roundNotOpen');
  if (topic.status !== 'OPEN') throw refusal('TOPIC_NOT_OPEN', 'topicNotOpen');
  try {
    await db.pendingVote.create({ data: { userId, topicId } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return { topicId };
}

export async function unpickTopic(userIdIn: string, topicIdIn: string) {
  const userId = parseId(userIdIn, 'user');
  const topicId = parseId(topicIdIn, 'topic');
  const db = await getDb();
  await db.pendingVote.deleteMany({ where: { userId, topicId } });
}

export async function myPendingPicks(userIdIn: string): Promise<string[]> {
  const userId = parseId(userIdIn, 'user');
  const db = await getDb();
  return (await db.pendingVote.findMany({ where: { userId }, select: { topicId: true } })).map((p) => p.topicId);
}

export type ConversionSummary = { converted: number; dropped: number; kept: number };

/**
 * Turns a new patron's pending picks into votes (VoteAudit action "converted"), oldest first, within
 * each round's budget. BILLING CALLS THIS when the first payment lands (after the Subscription mirror
 * is updated, so `patronStatus` says yes). Safe to call any number of times, concurrently too: each
 * vote is the same atomic statement as `castVote` (duplicates are refused by the unique index), and a
 * processed pick is deleted. Picks that cannot become votes (round closed, topic no longer open, budget
 * used up, already voted) are dropped. When the user is not a patron (yet), nothing happens and the
 * picks are kept. Never throws for a refused pick.
 */
export async function convertPendingVotes(userIdIn: string, { now = new Date() }: { now?: Date } = {}): Promise<ConversionSummary> {
  const userId = parseId(userIdIn, 'user');
  const db = await getDb();
  const picks = await db.pendingVote.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, topicId: true },
  });
  if (picks.length === 0) return { converted: 0, dropped: 0, kept: 0 };
  const status = await patronStatus(userId, now);
  if (!status.isPatron) return { converted: 0, dropped: 0, kept: picks.length };
  let converted = 0;
  let dropped = 0;
  for (const pick of picks) {
    try {
      await castVote(userId, pick.topicId, { now, action: 'converted', skipPatronCheck: true });
      converted++;
    } catch (err) {
      if (!(err instanceof VotingError)) throw err; // a database problem: keep the pick for a retry
      dropped++;
    }
    await db.pendingVote.deleteMany({ where: { id: pick.id } });
  }
  return { converted, dropped, kept: 0 };
}

/**
 * Pay first: topic ids a reader picked before paying, carried through Checkout, become their pending
 * picks (the same checks as pickTopicAsNonPatron; a pick that no longer fits is dropped, never an error).
 */
export async function addPendingPicks(
  userId: string,
  topicIds: readonly string[],
  { now = new Date() }: { now?: Date } = {},
): Promise<number> {
  let added = 0;
  for (const topicId of topicIds.slice(0, 10)) {
    try {
      await pickTopicAsNonPatron(userId, topicId, { now });
      added++;
    } catch (err) {
      if (!(err instanceof VotingError)) throw err;
    }
  }
  return added;
}
