/**
 * MemberSummary: the subscription columns follow statusFromSubscriptions at whatever instant a search
 * asks for (time moving forward through period and grace ends, and backward), refreshing only what is
 * due; triggers mark members stale on subscription changes and keep the vote columns exact.
 */
import { describe, expect, it, vi } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { getSql } from '@/lib/db/client';
import { statusFromSubscriptions } from '@/lib/billing/patron-status';
import { graceDays } from '@/lib/billing/config';
import { GRACE_RECHECK_MS, PATRON_STATE_ORDER, rebuildMemberSummaries, refreshMemberSummaries } from './member-summary';
import { parseMemberQuery, searchMembers } from './members';

const db = setupTestDb();
const DAY = 86_400_000;
const T0 = new Date('2026-06-15T12:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

type Sub = {
  status: string;
  cancelAtPeriodEnd?: boolean;
  currentPeriodStart?: Date;
  currentPeriodEnd: Date;
  pastDueSince?: Date | null;
  endedAt?: Date | null;
  amount?: number;
  interval?: 'MONTH' | 'YEAR';
  currency?: string;
  pauseBehavior?: string | null;
  pauseResumesAt?: Date | null;
};

let n = 0;
async function member(subs: Sub[], email = `m${++n}@summary.test`) {
  const user = await db.prisma.user.create({ data: { email, createdAt: at(-200 + n) } });
  for (const [i, s] of subs.entries()) {
    await db.prisma.subscription.create({
      data: {
        id: `sub_${user.id}_${i}`,
        userId: user.id,
        customerId: `cus_${user.id}`,
        status: s.status,
        stripePriceId: 'price_x',
        currency: s.currency ?? 'usd',
        interval: s.interval ?? 'MONTH',
        amount: s.amount ?? 500,
        currentPeriodStart: s.currentPeriodStart ?? at(-20),
        currentPeriodEnd: s.currentPeriodEnd,
        cancelAtPeriodEnd: s.cancelAtPeriodEnd ?? false,
        pastDueSince: s.pastDueSince ?? null,
        endedAt: s.endedAt ?? null,
        pauseBehavior: s.pauseBehavior ?? null,
        pauseResumesAt: s.pauseResumesAt ?? null,
        startedAt: at(-100),
      },
    });
  }
  return { id: user.id, subs };
}

const summaryOf = async (userId: string) => (await db.prisma.memberSummary.findUnique({ where: { userId } }))!;

describe('MemberSummary subscription columns', () => {
  it('give every member the status statusFromSubscriptions gives, at instants forward and back in time, refreshing only what is due', async () => {
    const grace = graceDays();
    // Members whose answer changes at different instants: period ends while canceling, grace ends,
    // a future endedAt, two subscriptions where the better one runs out first.
    const members = [
      await member([]),
      await member([{ status: 'active', currentPeriodEnd: at(10) }]),
      await member([{ status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: at(5) }]),
      await member([{ status: 'trialing', cancelAtPeriodEnd: true, currentPeriodEnd: at(12) }]),
      await member([{ status: 'past_due', currentPeriodEnd: at(25), pastDueSince: at(-2) }]),
      await member([{ status: 'past_due', currentPeriodStart: at(-1), currentPeriodEnd: at(29) }]),
      await member([{ status: 'active', currentPeriodEnd: at(30), endedAt: at(20) }]),
      await member([
        { status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: at(3), amount: 900 },
        { status: 'past_due', currentPeriodEnd: at(40), pastDueSince: at(0), amount: 300, currency: 'eur', interval: 'YEAR' },
      ]),
      await member([
        { status: 'canceled', currentPeriodEnd: at(-30), endedAt: at(-30) },
        { status: 'incomplete', currentPeriodEnd: at(10) },
      ]),
      // Paused collection (pause offer) until day 12, then active again.
      await member([{ status: 'active', currentPeriodEnd: at(30), pauseBehavior: 'void', pauseResumesAt: at(12) }]),
    ];
    const instants = [
      at(-40),
      at(0),
      at(2.5),
      at(3),
      at(4),
      at(5),
      at(grace - 2),
      at(grace + 1),
      at(12),
      at(19.99),
      at(20),
      at(60),
      at(1),
      at(-1),
    ];
    let refreshedAtSameInstant = 0;
    for (const t of instants) {
      for (const state of PATRON_STATE_ORDER) {
        const { rows } = await searchMembers(
          parseMemberQuery({ q: '@summary.test', status: state === 'past_due_grace' ? 'past_due' : state, pageSize: '200' }),
          t,
        );
        const want = members.filter(
          (m) =>
            statusFromSubscriptions(
              m.subs.map((s, i) => ({
                id: `s${i}`,
                cancelAtPeriodEnd: false,
                currentPeriodStart: at(-20),
                pastDueSince: null,
                endedAt: null,
                ...s,
              })),
              t,
              grace,
            ).state === state,
        );
        expect(rows.map((r) => r.id).sort(), `${state} at ${t.toISOString()}`).toEqual(want.map((m) => m.id).sort());
      }
      // The same instant again: every window now holds it, so nothing is recomputed.
      refreshedAtSameInstant += await refreshMemberSummaries(t);
    }
    expect(refreshedAtSameInstant).toBe(0);

    // The deciding subscription's attributes: member 8 is canceling on the 900 plan until day 3, then
    // past due (in grace) on the yearly EUR plan.
    const two = members[7]!.id;
    await refreshMemberSummaries(at(1));
    expect(await summaryOf(two)).toMatchObject({
      rank: PATRON_STATE_ORDER.indexOf('canceling'),
      monthlyAmount: 900,
      currency: 'usd',
      cadence: 'MONTH',
      validUntil: at(3),
    });
    await refreshMemberSummaries(at(4));
    expect(await summaryOf(two)).toMatchObject({
      rank: PATRON_STATE_ORDER.indexOf('past_due_grace'),
      monthlyAmount: 25,
      currency: 'eur',
      cadence: 'YEAR',
      validFrom: at(3),
      validUntil: at(grace),
    });
    // A member without subscriptions is "never" for ever.
    expect(await summaryOf(members[0]!.id)).toMatchObject({
      rank: PATRON_STATE_ORDER.indexOf('none'),
      validFrom: null,
      validUntil: null,
      subscriptionId: null,
    });
  });

  it('are marked stale when a subscription changes in a way that matters, and only then', async () => {
    const m = await member([{ status: 'active', currentPeriodEnd: at(30), amount: 500 }]);
    await refreshMemberSummaries(T0);
    const before = await summaryOf(m.id);
    expect(before.stale).toBe(false);
    const subId = `sub_${m.id}_0`;
    // The webhook mirror rewrites unchanged rows with a new syncedAt: not a change.
    await db.prisma.subscription.update({ where: { id: subId }, data: { syncedAt: at(1) } });
    expect(await summaryOf(m.id)).toMatchObject({ stale: false, version: before.version });
    // A cancellation is.
    await db.prisma.subscription.update({ where: { id: subId }, data: { cancelAtPeriodEnd: true } });
    expect(await summaryOf(m.id)).toMatchObject({ stale: true, version: before.version + 1 });
    const { rows } = await searchMembers(parseMemberQuery({ q: '@summary.test', status: 'canceling', pageSize: '200' }), T0);
    expect(rows.map((r) => r.id)).toContain(m.id);
    // Deleting the subscription makes them "never" again.
    await db.prisma.subscription.delete({ where: { id: subId } });
    expect((await summaryOf(m.id)).stale).toBe(true);
    await refreshMemberSummaries(T0);
    expect(await summaryOf(m.id)).toMatchObject({
      stale: false,
      rank: PATRON_STATE_ORDER.indexOf('none'),
      subscriptionId: null,
      monthlyAmount: null,
    });
  });

  it('a grace period changed in the settings recomputes the rows that depend on it', async () => {
    const m = await member([{ status: 'past_due', currentPeriodEnd: at(25), pastDueSince: at(-2) }]);
    await refreshMemberSummaries(T0);
    expect((await summaryOf(m.id)).rank).toBe(PATRON_STATE_ORDER.indexOf('past_due_grace'));
    const saved = process.env.PATRON_GRACE_DAYS;
    process.env.PATRON_GRACE_DAYS = '1';
    try {
      expect(graceDays()).toBe(1);
      await refreshMemberSummaries(T0);
      expect((await summaryOf(m.id)).rank).toBe(PATRON_STATE_ORDER.indexOf('past_due_lapsed'));
    } finally {
      if (saved === undefined) delete process.env.PATRON_GRACE_DAYS;
      else process.env.PATRON_GRACE_DAYS = saved;
    }
    await refreshMemberSummaries(T0);
    expect((await summaryOf(m.id)).rank).toBe(PATRON_STATE_ORDER.indexOf('past_due_grace'));
  });
});

describe('MemberSummary with several nodes', () => {
  it('rows another node wrote with another grace period are re-marked within GRACE_RECHECK_MS, not only at start-up', async () => {
    const m = await member([{ status: 'past_due', currentPeriodEnd: at(25), pastDueSince: at(-2) }]);
    await refreshMemberSummaries(T0);
    expect((await summaryOf(m.id)).rank).toBe(PATRON_STATE_ORDER.indexOf('past_due_grace'));
    // A node still running with PATRON_GRACE_DAYS=1 (a change being rolled out) refreshed the row.
    await db.prisma.memberSummary.update({
      where: { userId: m.id },
      data: { graceDays: 1, rank: PATRON_STATE_ORDER.indexOf('past_due_lapsed') },
    });
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    try {
      await refreshMemberSummaries(T0);
      const later = (await summaryOf(m.id)).rank;
      clock.mockReturnValue(now + GRACE_RECHECK_MS);
      await refreshMemberSummaries(T0);
      // Within the minute this node may not have looked again; after it, the row is this node's again.
      expect([PATRON_STATE_ORDER.indexOf('past_due_lapsed'), PATRON_STATE_ORDER.indexOf('past_due_grace')]).toContain(later);
      expect(await summaryOf(m.id)).toMatchObject({ rank: PATRON_STATE_ORDER.indexOf('past_due_grace'), graceDays: graceDays() });
    } finally {
      clock.mockRestore();
    }
  });
});

describe('MemberSummary vote columns (kept by triggers)', () => {
  it('follow votes cast, withdrawn and moved, and topics published or linked to an article', async () => {
    const round = await db.prisma.round.create({ data: { slug: 'r-summary', title: 'R', opensAt: at(-10), closesAt: at(10) } });
    const [a, b] = await Promise.all([
      db.prisma.topic.create({ data: { roundId: round.id, title: 'A' } }),
      db.prisma.topic.create({ data: { roundId: round.id, title: 'B' } }),
    ]);
    const voter = await member([]);
    const other = await member([]);
    expect(await summaryOf(voter.id)).toMatchObject({ firstVotedAt: null, firstPublishedVoteAt: null });

    const v1 = await db.prisma.vote.create({ data: { userId: voter.id, topicId: a.id, roundId: round.id, createdAt: at(-5) } });
    const v2 = await db.prisma.vote.create({ data: { userId: voter.id, topicId: b.id, roundId: round.id, createdAt: at(-3) } });
    await db.prisma.vote.create({ data: { userId: other.id, topicId: b.id, roundId: round.id, createdAt: at(-4) } });
    expect(await summaryOf(voter.id)).toMatchObject({ firstVotedAt: at(-5), firstPublishedVoteAt: null });

    // Topic B published: both its voters' published column, from their vote on B.
    await db.prisma.topic.update({ where: { id: b.id }, data: { status: 'PUBLISHED' } });
    expect(await summaryOf(voter.id)).toMatchObject({ firstVotedAt: at(-5), firstPublishedVoteAt: at(-3) });
    expect(await summaryOf(other.id)).toMatchObject({ firstPublishedVoteAt: at(-4) });
    // Topic A linked to an article counts as published too.
    const section = await db.prisma.section.create({ data: { slug: 's-summary', name: 'S' } });
    const article = await db.prisma.article.create({
      data: { slug: 'art-summary', title: 'T', body: 'x', sectionId: section.id, status: 'PUBLISHED', publishedAt: at(-1) },
    });
    await db.prisma.topicArticle.create({ data: { topicId: a.id, articleId: article.id } });
    expect((await summaryOf(voter.id)).firstPublishedVoteAt).toEqual(at(-5));
    await db.prisma.topicArticle.delete({ where: { topicId_articleId: { topicId: a.id, articleId: article.id } } });
    expect((await summaryOf(voter.id)).firstPublishedVoteAt).toEqual(at(-3));
    // Unpublished again.
    await db.prisma.topic.update({ where: { id: b.id }, data: { status: 'COMMISSIONED' } });
    expect(await summaryOf(voter.id)).toMatchObject({ firstVotedAt: at(-5), firstPublishedVoteAt: null });

    // Withdrawing the first vote moves firstVotedAt to the next; withdrawing all clears it.
    await db.prisma.vote.delete({ where: { id: v1.id } });
    expect((await summaryOf(voter.id)).firstVotedAt).toEqual(at(-3));
    // A moved vote (a merge) recomputes.
    await db.prisma.topic.update({ where: { id: a.id }, data: { status: 'PUBLISHED' } });
    await db.prisma.vote.update({ where: { id: v2.id }, data: { topicId: a.id } });
    expect(await summaryOf(voter.id)).toMatchObject({ firstVotedAt: at(-3), firstPublishedVoteAt: at(-3) });
    await db.prisma.vote.delete({ where: { id: v2.id } });
    expect(await summaryOf(voter.id)).toMatchObject({ firstVotedAt: null, firstPublishedVoteAt: null });

    // The voted filter reads the column.
    const voted = await searchMembers(parseMemberQuery({ q: '@summary.test', voted: 'yes', pageSize: '200' }), T0);
    expect(voted.rows.map((r) => r.id)).toEqual([other.id]);
  });

  it('rebuildMemberSummaries recreates lost rows and columns from the subscriptions and votes', async () => {
    const m = await member([{ status: 'active', currentPeriodEnd: at(30), amount: 700 }]);
    const round = await db.prisma.round.create({ data: { slug: 'r-rebuild', title: 'R', opensAt: at(-10), closesAt: at(10) } });
    const topic = await db.prisma.topic.create({ data: { roundId: round.id, title: 'A', status: 'PUBLISHED' } });
    await db.prisma.vote.create({ data: { userId: m.id, topicId: topic.id, roundId: round.id, createdAt: at(-2) } });
    await refreshMemberSummaries(T0);
    const good = await summaryOf(m.id);
    const sql = await getSql();
    await sql.query(`DELETE FROM "MemberSummary" WHERE "userId" = $1`, [m.id]);
    await rebuildMemberSummaries(T0);
    expect(await summaryOf(m.id)).toMatchObject({
      rank: good.rank,
      monthlyAmount: 700,
      firstVotedAt: at(-2),
      firstPublishedVoteAt: at(-2),
      stale: false,
    });
  });
});
