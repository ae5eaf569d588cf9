import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { recordSubscriptionState } from '@/lib/analytics/history';
import { addSubscription, makeRound, makeTopics, makeUser } from './testing';
import { castVote } from './votes';
import { meetsJoinRule, roundIntegrity } from './integrity';

const db = setupTestDb();
const DAY = 86_400_000;

/** A patron since `startedAt`, with the subscription history the dashboard counts from. */
async function historyPatron(startedAt: Date) {
  const p = db.prisma;
  const user = await makeUser(p);
  const sub = await p.subscription.update({ where: { id: (await addSubscription(p, user.id, 'active')).id }, data: { startedAt } });
  await recordSubscriptionState(
    {
      subscriptionId: sub.id,
      userId: user.id,
      status: 'active',
      tierId: null,
      currency: sub.currency,
      interval: sub.interval,
      amount: sub.amount,
      cancelAtPeriodEnd: false,
      currentPeriodEnd: sub.currentPeriodEnd,
      pastDueSince: null,
      endedAt: null,
      startedAt,
      canceledAt: null,
    },
    startedAt,
  );
  return user;
}

describe('roundIntegrity', () => {
  it('counts patrons who could vote (narrowed by the join rule) and turnout', async () => {
    const p = db.prisma;
    const opensAt = new Date(Date.now() - 5 * DAY);
    const [old1, old2, newcomer] = [
      await historyPatron(new Date(Date.now() - 90 * DAY)),
      await historyPatron(new Date(Date.now() - 30 * DAY)),
      await historyPatron(new Date(Date.now() - DAY)),
    ];
    await makeUser(p); // a reader: never eligible

    const open = await makeRound(p, { opensAt });
    const [t] = await makeTopics(p, open.id, 1);
    await castVote(old1.id, t!.id);
    const all = await roundIntegrity(open, { fresh: true });
    expect(all).toMatchObject({ budget: 3, joinedBeforeOpenOnly: false, voters: 1, votes: 1 });
    const ruled = await makeRound(p, { opensAt, joinedBeforeOpenOnly: true });
    const [u] = await makeTopics(p, ruled.id, 1);
    await castVote(old2.id, u!.id);
    const strict = await roundIntegrity(ruled, { fresh: true });
    expect(strict).toMatchObject({ joinedBeforeOpenOnly: true, voters: 1, votes: 1 });
    // Three patrons could vote without the rule; the newcomer cannot with it.
    expect(all.eligible).toBe(3);
    expect(all.turnout).toBeCloseTo(1 / 3);
    expect(strict.eligible).toBe(2);
    expect(strict.turnout).toBeCloseTo(1 / 2);
    expect(await meetsJoinRule(newcomer.id, ruled.id)).toBe(false);
    expect(await meetsJoinRule(old2.id, ruled.id)).toBe(true);
    expect(await meetsJoinRule(newcomer.id, open.id)).toBe(true);
  });

  it('a closed round counts at its close, and a voter who lapsed since still counts as eligible', async () => {
    const p = db.prisma;
    const closedAt = new Date(Date.now() - 200 * DAY);
    const round = await makeRound(p, { status: 'CLOSED', opensAt: new Date(Date.now() - 210 * DAY), closesAt: closedAt });
    const [t] = await makeTopics(p, round.id, 1);
    const voter = await makeUser(p); // no history at all (e.g. lapsed and pruned): still a voter
    await p.vote.create({ data: { userId: voter.id, topicId: t!.id, roundId: round.id } });
    await historyPatron(new Date(Date.now() - 10 * DAY)); // joined after the close: not counted
    const r = await roundIntegrity(round, { fresh: true });
    expect(r.at.getTime()).toBe(closedAt.getTime());
    expect(r).toMatchObject({ eligible: 1, voters: 1, votes: 1, turnout: 1 });
  });
});
