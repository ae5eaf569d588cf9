/**
 * Who follows a topic's progress, and the one-click way to stop topic emails.
 *
 * Followers are COMPUTED, not copied at vote time: (the topic's voters ∪ readers who chose to follow)
 * minus readers who chose to unfollow, minus readers who stopped all topic emails. A copy made at vote
 * time would cost the hot cast statement (bench: ≥ 1,000 votes/s) another insert, and would go stale
 * when votes move: withdrawn while the round is open, moved by a merge, converted from a pick. Reading
 * the Vote table at send time is always right. A TopicFollow row records only a reader's own choice.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getDb, getSql } from '@/lib/db/client';
import { authSecret } from '@/lib/auth/secret';
import { parseId } from './votes';
import { hasProgressPage } from './progress';
import { refusal } from './rules';

/** `locale`: the language of their emails (User.locale). */
export type Follower = { id: string; email: string; name: string | null; locale: string; because: 'voted' | 'followed' };

/** Everyone who gets an update of `topicId` now (one row each, ordered by id). */
export async function topicFollowers(topicIdIn: string): Promise<Follower[]> {
  const topicId = parseId(topicIdIn, 'topic');
  const sql = await getSql();
  return sql.query<Follower>(
    `WITH candidates AS (
       SELECT "userId", 'voted' AS because FROM "Vote" WHERE "topicId" = $1
       UNION ALL
       SELECT "userId", 'followed' FROM "TopicFollow" WHERE "topicId" = $1 AND following)
     SELECT u.id, u.email, u.name, u.locale, min(c.because) AS because
       FROM candidates c JOIN "User" u ON u.id = c."userId"
      WHERE u."topicEmailsStoppedAt" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "TopicFollow" f WHERE f."topicId" = $1 AND f."userId" = u.id AND NOT f.following)
      GROUP BY u.id, u.email, u.name, u.locale
      ORDER BY u.id`,
    [topicId],
  );
}

export type FollowState = { following: boolean; voted: boolean; emailsStopped: boolean };

export async function followState(userIdIn: string, topicIdIn: string): Promise<FollowState> {
  const userId = parseId(userIdIn, 'user');
  const topicId = parseId(topicIdIn, 'topic');
  const db = await getDb();
  const [user, vote, choice] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { topicEmailsStoppedAt: true } }),
    db.vote.findUnique({ where: { userId_topicId: { userId, topicId } }, select: { id: true } }),
    db.topicFollow.findUnique({ where: { userId_topicId: { userId, topicId } }, select: { following: true } }),
  ]);
  const voted = Boolean(vote);
  const emailsStopped = Boolean(user?.topicEmailsStoppedAt);
  const following = !emailsStopped && (choice ? choice.following : voted);
  return { following, voted, emailsStopped };
}

/**
 * A reader follows (or unfollows) a topic that has a progress page. Following again after stopping
 * every topic email turns topic emails back on: it is the reader's latest, explicit wish.
 */
export async function setFollow(userIdIn: string, topicIdIn: string, following: boolean): Promise<FollowState> {
  const userId = parseId(userIdIn, 'user');
  const topicId = parseId(topicIdIn, 'topic');
  if (!(await hasProgressPage(topicId))) throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
  const db = await getDb();
  await db.topicFollow.upsert({
    where: { userId_topicId: { userId, topicId } },
    create: { userId, topicId, following },
    update: { following },
  });
  if (following)
    await db.user.updateMany({ where: { id: userId, topicEmailsStoppedAt: { not: null } }, data: { topicEmailsStoppedAt: null } });
  return followState(userId, topicId);
}

// ---------------------------------------------------------------------------------------------
// The stop link: a token that names the reader and is signed with a key derived from the app's
// session secret (NEXTAUTH_SECRET), so it works without signing in and cannot be forged or pointed at
// someone else. It only ever stops emails, so it does not expire.
// ---------------------------------------------------------------------------------------------

function stopKey(): Buffer {
  const secret = authSecret();
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set: topic email links cannot be signed.');
  return createHmac('sha256', secret).update('patronage:topic-emails-stop:v1').digest();
}

const mac = (userId: string) => createHmac('sha256', stopKey()).update(userId).digest('base64url');

export function topicEmailStopToken(userIdIn: string): string {
  const userId = parseId(userIdIn, 'user');
  return `${Buffer.from(userId).toString('base64url')}.${mac(userId)}`;
}

/** The user id a stop token was made for, or null when it is malformed or its signature is wrong. */
export function verifyTopicEmailStopToken(token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 300) return null;
  const m = /^([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const userId = Buffer.from(m[1]!, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(userId)) return null;
  const expected = Buffer.from(mac(userId));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}

/** Stops every topic email for the reader the token names. Idempotent; false for a bad token. */
export async function stopTopicEmails(token: unknown, { now = new Date() }: { now?: Date } = {}): Promise<boolean> {
  const userId = verifyTopicEmailStopToken(token);
  if (!userId) return false;
  const db = await getDb();
  await db.user.updateMany({ where: { id: userId, topicEmailsStoppedAt: null }, data: { topicEmailsStoppedAt: now } });
  return true;
}
