/** The home page's round module data and its "time left" label. */
import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { openRoundForHome, timeLeftLabel } from './reader-views';
import { makePatron, makeRound, makeTopics } from './testing';

const db = setupTestDb();
const HOUR = 3_600_000;

describe('timeLeftLabel', () => {
  it('rounds down, so it never promises more time than is left', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    const at = (h: number) => new Date(now.getTime() + h * HOUR);
    expect(timeLeftLabel(at(5 * 24 + 23), now)).toBe('5 days left');
    expect(timeLeftLabel(at(24), now)).toBe('1 day left');
    expect(timeLeftLabel(at(23.9), now)).toBe('23 hours left');
    expect(timeLeftLabel(at(1), now)).toBe('1 hour left');
    expect(timeLeftLabel(at(0.5), now)).toBe('Closing soon');
  });
});

describe('openRoundForHome', () => {
  it('is null with no open round, then shows the leading open topics by votes (counts only when results are live)', async () => {
    const p = db.prisma;
    expect(await openRoundForHome()).toBeNull();
    const round = await makeRound(p);
    const [a, b, c, d] = await makeTopics(p, round.id, 4);
    await p.topic.update({ where: { id: d!.id }, data: { status: 'DECLINED', declineReason: 'Out of our area.' } });
    const voters = [await makePatron(p), await makePatron(p), await makePatron(p)];
    const vote = (userId: string, topicId: string) => p.vote.create({ data: { userId, topicId, roundId: round.id } });
    await vote(voters[0]!.id, c!.id);
    await vote(voters[1]!.id, c!.id);
    await vote(voters[2]!.id, a!.id);

    const home = (await openRoundForHome({ limit: 2 }))!;
    expect(home.round.slug).toBe(round.slug);
    expect(home.leading.map((t) => [t.id, t.votes])).toEqual([
      [c!.id, 2],
      [a!.id, 1],
    ]);
    expect(home.topicCount).toBe(3); // the declined topic is not up for a vote
    expect(home.voters).toBe(3);

    await p.round.update({ where: { id: round.id }, data: { resultsVisibility: 'AFTER_CLOSE' } });
    const hidden = (await openRoundForHome({ limit: 3 }))!;
    expect(hidden.voters).toBeNull();
    expect(hidden.leading.every((t) => t.votes === null)).toBe(true);
    expect(hidden.leading.map((t) => t.id).sort()).toEqual([a!.id, b!.id, c!.id].sort());
  });
});
