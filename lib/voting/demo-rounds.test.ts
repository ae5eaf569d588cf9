/** The demo rounds: idempotent, removable, and the votes the demo patrons cast tell the loop's story. */
import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { seedDemo } from '@/lib/articles/demo-content';
import { removeDemoPatrons, seedDemoPatrons } from '@/lib/analytics/demo-patrons';
import { getTopicStats } from '@/lib/analytics/dashboard';
import { loadDemoRounds, pickWeighted, removeDemoRounds, seedDemoRounds } from './demo-rounds';
import { commissionedMarkForArticle, openRoundForSection } from './reader-views';
import { currentOpenRound, listPastRounds } from './rounds';
import { roundResults } from './votes';
import { getTopicProgress } from './progress';
import { makeRound } from './testing';

const db = setupTestDb();
const DAY = 86_400_000;

describe('demo rounds file', () => {
  it('has an open round of 6–8 topics (some suggested by patrons), one topic in reporting and one declined with a reason', async () => {
    const data = await loadDemoRounds();
    expect(data.open.topics.length).toBeGreaterThanOrEqual(6);
    expect(data.open.topics.length).toBeLessThanOrEqual(8);
    expect(data.open.topics.some((t) => t.suggested)).toBe(true);
    expect(data.open.days).toBeGreaterThanOrEqual(9);
    const past = data.past.flatMap((r) => r.topics);
    expect(past.filter((t) => t.status === 'COMMISSIONED')).toHaveLength(1);
    const declined = past.filter((t) => t.status === 'DECLINED');
    expect(declined).toHaveLength(1);
    expect(declined[0]!.declineReason!.length).toBeGreaterThan(40);
    for (const r of data.past) expect(r.topics.filter((t) => t.status === 'PUBLISHED').every((t) => t.articles?.length)).toBe(true);
  });

  it('picks distinct indexes, in proportion to their weight', () => {
    let s = 1;
    const next = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const p = pickWeighted(next, [6, 3, 1], 2);
      expect(new Set(p).size).toBe(2);
      for (const j of p) counts[j]!++;
    }
    expect(counts[0]).toBeGreaterThan(counts[1]!);
    expect(counts[1]).toBeGreaterThan(counts[2]!);
  });
});

describe('seeding the demo rounds', () => {
  it('is idempotent, gives a live open round and linked winners, and is removed without touching real rounds', async () => {
    const p = db.prisma;
    const now = new Date();
    await seedDemo(p, now);
    const real = await makeRound(p, {
      status: 'CLOSED',
      opensAt: new Date(now.getTime() - 90 * DAY),
      closesAt: new Date(now.getTime() - 60 * DAY),
    });

    const first = await seedDemoRounds(p, now);
    const counts = async () => ({ rounds: await p.round.count(), topics: await p.topic.count(), links: await p.topicArticle.count() });
    const once = await counts();
    // Called again later (npm start, then the demo patrons): nothing new, the first call's times.
    const second = await seedDemoRounds(p, new Date(now.getTime() + 60_000));
    expect(await counts()).toEqual(once);
    expect(second).toEqual(first);
    expect(once.links).toBeGreaterThanOrEqual(8);

    const open = await currentOpenRound(now);
    expect(open?.id).toBe(first.find((r) => r.open)!.id);
    expect(open!.closesAt.getTime() - open!.opensAt.getTime()).toBe(10 * DAY);
    expect(open!.opensAt.getTime()).toBeLessThan(now.getTime() - 2 * DAY);
    expect((await listPastRounds(now)).map((r) => r.title)).not.toContain(expect.stringMatching(/demo round/i));

    // The demo patrons vote (same rounds: no duplicates).
    await seedDemoPatrons(p, { patrons: 300, seed: 2, now });
    expect(await counts()).toEqual(once);

    const live = (await roundResults(open!.id, { now }))!;
    expect(live.visible).toBe(true);
    expect(live.turnout!.votes).toBeGreaterThan(20);
    expect(live.topics.length).toBeGreaterThanOrEqual(6);
    // Suggested topics are credited to patrons who voted in the round; every voter has a ballot within budget.
    expect(
      await p.topic.count({ where: { roundId: open!.id, suggestedBy: { email: { contains: '@demo-patrons' } } } }),
    ).toBeGreaterThanOrEqual(2);
    const ballots = await p.ballot.findMany({ where: { roundId: open!.id } });
    expect(ballots.length).toBe(live.turnout!.voters);
    expect(ballots.every((b) => b.used >= 1 && b.used <= b.budget)).toBe(true);

    // Past rounds: the winners are the published and commissioned topics, and their articles say so.
    for (const round of first.filter((r) => !r.open)) {
      const res = (await roundResults(round.id, { now }))!;
      const chosen = res.topics.filter((t) => t.status === 'PUBLISHED' || t.status === 'COMMISSIONED');
      expect(chosen.length, round.slug).toBeGreaterThanOrEqual(2);
      expect(
        chosen.every((t) => t.rank! <= chosen.length),
        round.slug,
      ).toBe(true);
      for (const t of res.topics.filter((t) => t.status === 'PUBLISHED')) {
        expect(t.articles.length, t.title).toBeGreaterThan(0);
        const article = await p.article.findUniqueOrThrow({ where: { slug: t.articles[0]!.slug } });
        const mark = await commissionedMarkForArticle(article.id);
        expect(mark?.roundSlug).toBe(round.slug);
        expect(mark!.count).toBeGreaterThan(5);
      }
    }
    const declined = await p.topic.findFirstOrThrow({ where: { status: 'DECLINED', roundId: { startsWith: 'demo_' } } });
    expect(declined.declineReason!.length).toBeGreaterThan(40);
    expect(declined.stage).toBe('DECLINED');

    // The topic in reporting has its public timeline and staff updates, already marked emailed (the
    // demo never emails anyone); published winners end their timeline at "published".
    const reporting = await p.topic.findFirstOrThrow({
      where: { status: 'COMMISSIONED', roundId: { startsWith: 'demo_' } },
      include: { round: true },
    });
    const progress = (await getTopicProgress(reporting.round.slug, reporting.id, { now }))!;
    expect(progress.topic).toMatchObject({ stage: 'REPORTING', reporterName: 'Devika Pillai' });
    expect(progress.events.map((e) => e.stage)).toEqual(['COMMISSIONED', 'ASSIGNED', 'REPORTING']);
    expect(progress.updates.length).toBe(3);
    expect(await p.topicUpdate.count({ where: { topicId: reporting.id, notifiedAt: null } })).toBe(0);
    const publishedTopics = await p.topic.findMany({
      where: { status: 'PUBLISHED', roundId: { startsWith: 'demo_' } },
      select: { stage: true },
    });
    expect(publishedTopics.length).toBeGreaterThanOrEqual(5);
    expect(publishedTopics.every((t) => t.stage === 'PUBLISHED')).toBe(true);
    // A second seeding adds no timeline steps.
    const events = await p.topicEvent.count();
    await seedDemoRounds(p, now);
    expect(await p.topicEvent.count()).toBe(events);
    // The article page's round slot has topics on the beat of a city-hall story.
    const cityHall = await p.section.findUniqueOrThrow({ where: { slug: 'city-hall' } });
    expect((await openRoundForSection(cityHall.id, { now }))?.sectionMatched).toBe(true);

    // The dashboard counts the votes the pages show.
    const stats = await getTopicStats({ from: new Date(now.getTime() - 400 * DAY), to: new Date(now.getTime() + DAY) });
    expect(stats.totals.votes).toBe(await p.vote.count());
    expect(stats.rounds.find((r) => r.id === open!.id)!.votes).toBe(live.turnout!.votes);

    expect(await removeDemoRounds(p)).toBe(first.length);
    expect(await p.round.findMany({ select: { id: true } })).toEqual([{ id: real.id }]);
    expect(await p.vote.count()).toBe(0);
    expect(await p.ballot.count()).toBe(0);
    expect(await p.topicEvent.count()).toBe(0);
    expect(await p.topicUpdate.count()).toBe(0);
    await removeDemoPatrons(p);
  });
});
