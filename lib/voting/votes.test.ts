import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { castVote, myBallot, roundResults, roundTurnout, withdrawVote } from './votes';
import { VotingError } from './rules';
import { addSubscription, makePatron, makeRound, makeTopics, makeUser, refusal } from './testing';

const db = setupTestDb();

describe('castVote / withdrawVote', () => {
  it('casts, counts, withdraws and audits', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [a, b] = await makeTopics(p, round.id, 2);
    const user = await makePatron(p);
    const r1 = await castVote(user.id, a!.id);
    expect(r1).toMatchObject({ used: 1, budget: 3, remaining: 2, roundId: round.id });
    await castVote(user.id, b!.id);
    expect(await myBallot(user.id, round.id)).toMatchObject({ used: 2, remaining: 1, topicIds: [a!.id, b!.id] });
    const w = await withdrawVote(user.id, a!.id);
    expect(w).toMatchObject({ used: 1, remaining: 2 });
    const audit = await p.voteAudit.findMany({ where: { userId: user.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((x) => x.action).sort()).toEqual(['cast', 'cast', 'withdrawn']);
    expect((await refusal(withdrawVote(user.id, a!.id))).code).toBe('NOT_VOTED');
  });

  it('refuses a duplicate vote and gives the slot back', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [a] = await makeTopics(p, round.id, 1);
    const user = await makePatron(p);
    await castVote(user.id, a!.id);
    const err = await refusal(castVote(user.id, a!.id));
    expect(err.code).toBe('DUPLICATE');
    expect(err.message).toBe('You already voted for this topic');
    expect((await p.ballot.findUniqueOrThrow({ where: { userId_roundId: { userId: user.id, roundId: round.id } } })).used).toBe(1);
  });

  it('refuses over budget with the human message', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const topics = await makeTopics(p, round.id, 4);
    const user = await makePatron(p);
    for (const t of topics.slice(0, 3)) await castVote(user.id, t.id);
    const err = await refusal(castVote(user.id, topics[3]!.id));
    expect(err.code).toBe('BUDGET');
    expect(err.message).toBe('You have used all 3 of your votes in this round. Withdraw one to vote for something else.');
    await withdrawVote(user.id, topics[0]!.id);
    await expect(castVote(user.id, topics[3]!.id)).resolves.toMatchObject({ used: 3 });
  });

  it('refuses votes after closing (by the clock and by an editor), before opening, and in drafts', async () => {
    const p = db.prisma;
    const now = Date.now();
    const user = await makePatron(p);
    const past = await makeRound(p, { opensAt: new Date(now - 10_000_000), closesAt: new Date(now - 1000) });
    const [t1] = await makeTopics(p, past.id, 1);
    const e1 = await refusal(castVote(user.id, t1!.id));
    expect(e1.code).toBe('ROUND_CLOSED');
    const closed = await makeRound(p, { status: 'CLOSED' });
    const [t2] = await makeTopics(p, closed.id, 1);
    expect((await refusal(castVote(user.id, t2!.id))).code).toBe('ROUND_CLOSED');
    const future = await makeRound(p, { opensAt: new Date(now + 100_000), closesAt: new Date(now + 200_000) });
    const [t3] = await makeTopics(p, future.id, 1);
    expect((await refusal(castVote(user.id, t3!.id))).code).toBe('ROUND_NOT_OPEN');
    const draft = await makeRound(p, { status: 'DRAFT' });
    const [t4] = await makeTopics(p, draft.id, 1);
    expect((await refusal(castVote(user.id, t4!.id))).code).toBe('ROUND_NOT_OPEN');
    // Withdrawing after the close is refused too; the vote stays.
    const open = await makeRound(p);
    const [t5] = await makeTopics(p, open.id, 1);
    await castVote(user.id, t5!.id);
    expect((await refusal(withdrawVote(user.id, t5!.id, { now: new Date(open.closesAt.getTime()) }))).code).toBe('ROUND_CLOSED');
    expect((await refusal(castVote(user.id, t5!.id, { now: new Date(open.closesAt.getTime() + 1) }))).code).toBe('ROUND_CLOSED');
    expect(await p.vote.count({ where: { userId: user.id } })).toBe(1);
  });

  it('refuses non-patrons, lapsed and cancelled patrons', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [a] = await makeTopics(p, round.id, 1);
    const reader = await makeUser(p);
    const lapsed = await makeUser(p);
    await addSubscription(p, lapsed.id, 'lapsed');
    const cancelled = await makeUser(p);
    await addSubscription(p, cancelled.id, 'canceled');
    for (const u of [reader, lapsed, cancelled]) {
      const err = await refusal(castVote(u.id, a!.id));
      expect(err.code).toBe('NOT_PATRON');
      expect(err.message).toBe('Only patrons can vote. Become a patron to have your say.');
      expect(err.status).toBe(403);
    }
    expect(await p.vote.count({ where: { topicId: a!.id } })).toBe(0);
  });

  it('refuses unknown topics, proposed topics and bad ids', async () => {
    const p = db.prisma;
    const user = await makePatron(p);
    expect((await refusal(castVote(user.id, 'no-such-topic'))).code).toBe('UNKNOWN_TOPIC');
    expect((await refusal(castVote(user.id, ''))).code).toBe('INVALID');
    expect((await refusal(castVote(user.id, 'x'.repeat(500)))).code).toBe('INVALID');
    const round = await makeRound(p);
    const [proposed] = await makeTopics(p, round.id, 1, { status: 'PROPOSED' });
    expect((await refusal(castVote(user.id, proposed!.id))).code).toBe('UNKNOWN_TOPIC');
    const [declined] = await makeTopics(p, round.id, 1);
    await p.topic.update({ where: { id: declined!.id }, data: { status: 'DECLINED' } });
    expect((await refusal(castVote(user.id, declined!.id))).code).toBe('TOPIC_NOT_OPEN');
  });

  it('the database CHECK rejects used > budget and used < 0', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [a] = await makeTopics(p, round.id, 1);
    const user = await makePatron(p);
    await castVote(user.id, a!.id);
    await expect(p.$executeRaw`UPDATE "Ballot" SET used = budget + 1 WHERE "userId" = ${user.id}`).rejects.toThrow();
    await expect(p.$executeRaw`UPDATE "Ballot" SET used = -1 WHERE "userId" = ${user.id}`).rejects.toThrow();
    expect((await p.ballot.findFirstOrThrow({ where: { userId: user.id } })).used).toBe(1);
  });
});

// The budget and concurrency guarantees hold with the "joined before the round opened" rule off and on
// (the rule is one more condition in the same statement).
describe.each([false, true])('concurrency (joinedBeforeOpenOnly: %s)', (joinedBeforeOpenOnly) => {
  it('50 concurrent votes from one patron across 10 topics store exactly 3', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { joinedBeforeOpenOnly });
    const topics = await makeTopics(p, round.id, 10);
    const user = await makePatron(p);
    const attempts = Array.from({ length: 50 }, (_, i) => castVote(user.id, topics[i % 10]!.id));
    const settled = await Promise.allSettled(attempts);
    const ok = settled.filter((s) => s.status === 'fulfilled');
    const refused = settled.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason);
    expect(ok).toHaveLength(3);
    for (const r of refused) {
      expect(r).toBeInstanceOf(VotingError);
      expect(['BUDGET', 'DUPLICATE']).toContain((r as VotingError).code);
    }
    expect(await p.vote.count({ where: { userId: user.id, roundId: round.id } })).toBe(3);
    const ballot = await p.ballot.findUniqueOrThrow({ where: { userId_roundId: { userId: user.id, roundId: round.id } } });
    expect(ballot.used).toBe(3);
    expect(await p.voteAudit.count({ where: { userId: user.id, action: 'cast' } })).toBe(3);
  });

  it('200 patrons voting at once: counts equal stored votes, no ballot over budget', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { votesPerPatron: 2, joinedBeforeOpenOnly });
    const topics = await makeTopics(p, round.id, 5);
    const users = [];
    for (let i = 0; i < 200; i++) users.push(await makePatron(p));
    // Each patron tries 4 votes (2 allowed), one of them a duplicate, plus a withdraw.
    const work = users.flatMap((u, i) => [
      castVote(u.id, topics[i % 5]!.id),
      castVote(u.id, topics[(i + 1) % 5]!.id),
      castVote(u.id, topics[(i + 1) % 5]!.id),
      castVote(u.id, topics[(i + 2) % 5]!.id),
      i % 4 === 0 ? withdrawVote(u.id, topics[i % 5]!.id) : Promise.resolve(),
    ]);
    await Promise.allSettled(work);
    const votes = await p.vote.count({ where: { roundId: round.id } });
    const ballots = await p.ballot.findMany({ where: { roundId: round.id } });
    expect(ballots.every((b) => b.used >= 0 && b.used <= b.budget)).toBe(true);
    expect(ballots.reduce((s, b) => s + b.used, 0)).toBe(votes);
    for (const b of ballots) expect(await p.vote.count({ where: { userId: b.userId, roundId: round.id } })).toBe(b.used);
    const results = await roundResults(round.id);
    expect(results!.topics.reduce((s, t) => s + t.votes!, 0)).toBe(votes);
    expect(results!.turnout!.votes).toBe(votes);
    expect(votes).toBeGreaterThanOrEqual(200);
    expect(votes).toBeLessThanOrEqual(400);
  }, 240_000); // PGlite serialises every transaction: 1,000 operations take minutes on a busy 2-core machine
});

describe('joined before the round opened', () => {
  const DAY = 86_400_000;
  /** A patron whose only subscription started `startedAgo` ms ago (and, optionally, an older one that ended). */
  async function patronSince(startedAgo: number, earlier?: { startedAgo: number; endedAgo: number }) {
    const p = db.prisma;
    const user = await makeUser(p);
    const sub = await addSubscription(p, user.id, 'active');
    await p.subscription.update({ where: { id: sub.id }, data: { startedAt: new Date(Date.now() - startedAgo) } });
    if (earlier) {
      const old = await addSubscription(p, user.id, 'canceled');
      await p.subscription.update({
        where: { id: old.id },
        data: { startedAt: new Date(Date.now() - earlier.startedAgo), endedAt: new Date(Date.now() - earlier.endedAgo) },
      });
    }
    return user;
  }

  it('refuses a patron who joined after the round opened (403, the date in the message), allows one who joined before', async () => {
    const p = db.prisma;
    const opensAt = new Date(Date.UTC(2026, 0, 15, 9, 0));
    const round = await makeRound(p, { joinedBeforeOpenOnly: true, opensAt, closesAt: new Date(Date.now() + 7 * DAY) });
    const [a] = await makeTopics(p, round.id, 1);
    const newcomer = await patronSince(DAY); // joined yesterday, long after the round opened
    const err = await refusal(castVote(newcomer.id, a!.id));
    expect(err.code).toBe('JOINED_AFTER_OPEN');
    expect(err.status).toBe(403);
    expect(err.message).toBe('Only patrons who joined before this round opened on January 15, 2026 can vote in it.');
    expect(await p.ballot.count({ where: { userId: newcomer.id } })).toBe(0);
    expect(await p.vote.count({ where: { userId: newcomer.id } })).toBe(0);

    const veteran = await patronSince(Date.now() - opensAt.getTime() + DAY); // joined the day before it opened
    await expect(castVote(veteran.id, a!.id)).resolves.toMatchObject({ used: 1 });
  });

  it('a former patron who came back after the opening is refused; without the rule the newcomer votes', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { joinedBeforeOpenOnly: true, opensAt: new Date(Date.now() - 3 * DAY) });
    const [a] = await makeTopics(p, round.id, 1);
    const returning = await patronSince(DAY, { startedAgo: 400 * DAY, endedAgo: 30 * DAY });
    expect((await refusal(castVote(returning.id, a!.id))).code).toBe('JOINED_AFTER_OPEN');
    // Subscribed across the opening (the old subscription ended after it): allowed.
    const across = await patronSince(DAY, { startedAgo: 400 * DAY, endedAgo: 2 * DAY });
    await expect(castVote(across.id, a!.id)).resolves.toMatchObject({ used: 1 });

    const open = await makeRound(p, { opensAt: new Date(Date.now() - 3 * DAY) });
    const [b] = await makeTopics(p, open.id, 1);
    await expect(castVote(returning.id, b!.id)).resolves.toMatchObject({ used: 1 });
  });

  it('the rule cannot be switched once patrons have voted', async () => {
    const p = db.prisma;
    const { updateRound } = await import('./rounds');
    const editor = await makeUser(p, { role: 'EDITOR' });
    const round = await makeRound(p);
    const [a] = await makeTopics(p, round.id, 1);
    await castVote((await makePatron(p)).id, a!.id);
    const input = {
      title: round.title,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      votesPerPatron: 3,
      suggestionsPerPatron: 2,
      resultsVisibility: 'LIVE',
      joinedBeforeOpenOnly: true,
    };
    const err = await refusal(updateRound({ id: editor.id, role: 'EDITOR' }, round.id, input));
    expect(err.fieldErrors).toEqual({ joinedBeforeOpenOnly: 'Who may vote cannot change once patrons have voted' });
    expect((await p.round.findUniqueOrThrow({ where: { id: round.id } })).joinedBeforeOpenOnly).toBe(false);
  });
});

describe('roundResults', () => {
  it('ranks with ties, hides AFTER_CLOSE counts from readers but not from editors, shows them once closed', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { resultsVisibility: 'AFTER_CLOSE' });
    const [a, b, c] = await makeTopics(p, round.id, 3);
    const [u1, u2, u3] = [await makePatron(p), await makePatron(p), await makePatron(p)];
    await castVote(u1.id, a!.id);
    await castVote(u2.id, a!.id);
    await castVote(u1.id, b!.id);
    await castVote(u3.id, c!.id);
    const hidden = await roundResults(round.id, { viewer: { id: u1.id, role: 'READER' } });
    expect(hidden!.visible).toBe(false);
    expect(hidden!.turnout).toBeNull();
    expect(hidden!.topics.every((t) => t.votes === null)).toBe(true);
    const editor = await roundResults(round.id, { viewer: { id: 'x', role: 'EDITOR' } });
    expect(editor!.visible).toBe(true);
    const after = await roundResults(round.id, { now: new Date(round.closesAt.getTime() + 1) });
    expect(after!.phase).toBe('CLOSED');
    expect(after!.visible).toBe(true);
    expect(after!.topics[0]).toMatchObject({ id: a!.id, votes: 2, rank: 1 });
    expect(
      after!.topics
        .slice(1)
        .map((t) => t.id)
        .sort(),
    ).toEqual([b!.id, c!.id].sort());
    expect(after!.topics.slice(1).map((t) => [t.votes, t.rank])).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(after!.turnout).toEqual({ voters: 3, votes: 4 });
    // The desk's cheap turnout says the same, whatever the visibility.
    expect(await roundTurnout(round.id)).toEqual({ voters: 3, votes: 4 });
  });

  it('takes an already loaded round (and a ballot its budget) without changing the answer', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { votesPerPatron: 2 });
    const [a] = await makeTopics(p, round.id, 1);
    const u = await makePatron(p);
    await castVote(u.id, a!.id);
    const byId = await roundResults(round.id, { viewer: { id: u.id, role: 'READER' } });
    const byRow = await roundResults(round, { viewer: { id: u.id, role: 'READER' } });
    expect(byRow).toEqual(byId);
    expect(await myBallot(u.id, round.id, { roundBudget: round.votesPerPatron })).toEqual(await myBallot(u.id, round.id));
    expect(await myBallot(u.id, round.id, { roundBudget: 2 })).toMatchObject({ budget: 2, used: 1, remaining: 1, topicIds: [a!.id] });
    expect(await roundTurnout((await makeRound(p)).id)).toEqual({ voters: 0, votes: 0 });
  });
});
