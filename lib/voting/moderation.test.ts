import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { castVote, myBallot, roundResults } from './votes';
import { closeRound, createRound, currentOpenRound, getPublicRoundBySlug, listPastRounds, openRound, updateRound } from './rounds';
import {
  approveTopic,
  commissionTopic,
  createTopic,
  declineTopic,
  linkArticleBySlug,
  linkArticleToTopic,
  mergeTopics,
  notifyVotersOfPublishedArticle,
  onArticlePublished,
  suggestTopic,
  updateTopic,
} from './topics';
import { convertPendingVotes, pickTopicAsNonPatron } from './pending';
import { commissionedMarkForArticle, openRoundForSection } from './reader-views';
import { addSubscription, makePatron, makeRound, makeTopics, makeUser, refusal } from './testing';

const db = setupTestDb();

const editor = { id: 'editor-1', role: 'EDITOR' as const };
const reader = { id: 'reader-1', role: 'READER' as const };
const HOUR = 3_600_000;

async function makeArticle(published: boolean) {
  const p = db.prisma;
  const section = await p.section.create({ data: { slug: `s-${Math.random().toString(36).slice(2)}`, name: 'Local' } });
  const slug = `a-${Math.random().toString(36).slice(2)}`;
  return p.article.create({
    data: {
      slug,
      title: 'Rents <rose> & fell',
      body: 'x',
      sectionId: section.id,
      status: published ? 'PUBLISHED' : 'DRAFT',
      publishedAt: published ? new Date(Date.now() - HOUR) : null,
    },
  });
}

describe('rounds', () => {
  it('validates input with field messages and only lets editors in', async () => {
    const now = Date.now();
    const good = { title: 'What next?', opensAt: new Date(now - HOUR).toISOString(), closesAt: new Date(now + HOUR).toISOString() };
    expect((await refusal(createRound(reader, good))).code).toBe('FORBIDDEN');
    expect((await refusal(createRound(null, good))).code).toBe('NOT_SIGNED_IN');
    const bad = await refusal(
      createRound(editor, { ...good, closesAt: good.opensAt, votesPerPatron: 11, suggestionsPerPatron: -1, title: '' }),
    );
    expect(bad.code).toBe('INVALID');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.fieldErrors!).sort()).toEqual(['closesAt', 'suggestionsPerPatron', 'title', 'votesPerPatron']);
    const order = await refusal(createRound(editor, { ...good, closesAt: good.opensAt }));
    expect(order.fieldErrors).toEqual({ closesAt: 'The round must close after it opens' });
    expect((await refusal(createRound(editor, { ...good, opensAt: 'not a date' }))).fieldErrors?.opensAt).toMatch(/valid date/);
    const r = await createRound(editor, { ...good, votesPerPatron: '2' });
    expect(r).toMatchObject({ status: 'DRAFT', votesPerPatron: 2, slug: 'what-next' });
    const r2 = await createRound(editor, good);
    expect(r2.slug).toBe('what-next-2');
    expect(await getPublicRoundBySlug('what-next')).toBeNull(); // drafts are not public
    await openRound(editor, r.id);
    expect((await getPublicRoundBySlug('what-next'))!.phase).toBe('OPEN');
  });

  it('derives closed from the clock, closes with a commitment, locks the budget once voted', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { votesPerPatron: 2 });
    const [t] = await makeTopics(p, round.id, 1);
    const u = await makePatron(p);
    await castVote(u.id, t!.id);
    const input = { title: round.title, opensAt: round.opensAt, closesAt: round.closesAt, votesPerPatron: 3 };
    expect((await refusal(updateRound(editor, round.id, input))).fieldErrors?.votesPerPatron).toMatch(/cannot change/);
    await updateRound(editor, round.id, { ...input, votesPerPatron: 2, title: 'Renamed' });
    const later = new Date(round.closesAt.getTime() + 1);
    expect((await listPastRounds(later)).some((r) => r.id === round.id)).toBe(true);
    expect((await currentOpenRound(later))?.id).not.toBe(round.id);
    const closed = await closeRound(editor, round.id, { commitment: 'We will cover the top two.' });
    expect(closed).toMatchObject({ status: 'CLOSED', commitment: 'We will cover the top two.' });
    expect(closed.closedAt).not.toBeNull();
    expect((await refusal(castVote(u.id, t!.id))).code).toBe('ROUND_CLOSED');
    const res = await roundResults(round.id);
    expect(res).toMatchObject({ phase: 'CLOSED', visible: true, turnout: { voters: 1, votes: 1 } });
    expect(res!.round.commitment).toBe('We will cover the top two.');
  });
});

describe('topics and suggestions', () => {
  it('patrons suggest within the limit; text stays literal; non-patrons and others are refused', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { suggestionsPerPatron: 2 });
    const patron = await makePatron(p);
    const s1 = await suggestTopic(patron.id, round.id, { title: '<script>alert(1)</script> housing', description: '<b>bold</b>' });
    expect(s1).toMatchObject({
      status: 'PROPOSED',
      suggestedById: patron.id,
      title: '<script>alert(1)</script> housing',
      description: '<b>bold</b>',
    });
    // Concurrent attempts cannot exceed the limit.
    const attempts = await Promise.allSettled([1, 2, 3].map((i) => suggestTopic(patron.id, round.id, { title: `Idea number ${i}` })));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(await p.topic.count({ where: { roundId: round.id, suggestedById: patron.id } })).toBe(2);
    const limit = await refusal(suggestTopic(patron.id, round.id, { title: 'One more idea' }));
    expect(limit.code).toBe('SUGGESTION_LIMIT');
    const nobody = await makeUser(p);
    expect((await refusal(suggestTopic(nobody.id, round.id, { title: 'Hello there' }))).code).toBe('NOT_PATRON');
    expect((await refusal(suggestTopic(patron.id, round.id, { title: 'x' }))).code).toBe('INVALID');
    expect((await refusal(suggestTopic(patron.id, round.id, { title: 'a'.repeat(151) }))).fieldErrors?.title).toMatch(/too long/);
    // Proposed topics cannot be voted for.
    expect((await refusal(castVote(patron.id, s1.id))).code).toBe('UNKNOWN_TOPIC');
    // The suggester may edit their own suggestion while proposed; others may not.
    await updateTopic({ id: patron.id, role: 'READER' }, s1.id, { title: 'Housing costs' });
    const other = await makePatron(p);
    expect((await refusal(updateTopic({ id: other.id, role: 'READER' }, s1.id, { title: 'Hijacked' }))).code).toBe('FORBIDDEN');
    await approveTopic(editor, s1.id);
    expect((await refusal(updateTopic({ id: patron.id, role: 'READER' }, s1.id, { title: 'Too late now' }))).code).toBe('FORBIDDEN');
    await updateTopic(editor, s1.id, { title: 'Housing costs (edited)' });
    await expect(castVote(patron.id, s1.id)).resolves.toMatchObject({ used: 1 });
  });

  it('declines with a public reason; moderation needs an editor', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const t = await createTopic(editor, round.id, { title: 'Bridges and tunnels' });
    expect((await refusal(declineTopic(reader, t.id, 'No'))).code).toBe('FORBIDDEN');
    expect((await refusal(declineTopic(editor, t.id, ''))).code).toBe('INVALID');
    expect((await refusal(commissionTopic(reader, t.id))).code).toBe('FORBIDDEN');
    await declineTopic(editor, t.id, 'We covered this last month.');
    const res = await roundResults(round.id);
    expect(res!.topics.find((x) => x.id === t.id)).toMatchObject({ status: 'DECLINED', declineReason: 'We covered this last month.' });
    expect((await refusal(createTopic(editor, 'nope', { title: 'Something here' }))).code).toBe('UNKNOWN_ROUND');
  });

  it('merge moves votes; a patron who voted for both keeps one and gets the slot back', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [src, tgt] = await makeTopics(p, round.id, 2);
    const both = await makePatron(p);
    const onlySrc = await makePatron(p);
    const onlyTgt = await makePatron(p);
    await castVote(both.id, src!.id);
    await castVote(both.id, tgt!.id);
    await castVote(onlySrc.id, src!.id);
    await castVote(onlyTgt.id, tgt!.id);
    expect((await refusal(mergeTopics(reader, src!.id, tgt!.id))).code).toBe('FORBIDDEN');
    expect((await refusal(mergeTopics(editor, src!.id, src!.id))).code).toBe('INVALID');
    const r = await mergeTopics(editor, src!.id, tgt!.id);
    expect(r).toEqual({ moved: 1, deduplicated: 1 });
    expect(await p.vote.count({ where: { topicId: src!.id } })).toBe(0);
    expect(await p.vote.count({ where: { topicId: tgt!.id } })).toBe(3);
    expect((await myBallot(both.id, round.id))!.used).toBe(1);
    expect(await myBallot(onlySrc.id, round.id)).toMatchObject({ used: 1, topicIds: [tgt!.id] });
    expect(await p.voteAudit.count({ where: { roundId: round.id, action: 'merged' } })).toBe(2);
    expect(await p.topic.findUnique({ where: { id: src!.id } })).toMatchObject({ status: 'MERGED', mergedIntoId: tgt!.id });
    expect((await refusal(castVote(onlyTgt.id, src!.id))).code).toBe('TOPIC_NOT_OPEN');
    const res = await roundResults(round.id);
    expect(res!.topics.map((t) => t.id)).toEqual([tgt!.id]);
    expect(res!.topics[0]!.votes).toBe(3);
  });

  it('other rounds cannot be merged across', async () => {
    const p = db.prisma;
    const [a] = await makeTopics(p, (await makeRound(p)).id, 1);
    const [b] = await makeTopics(p, (await makeRound(p)).id, 1);
    expect((await refusal(mergeTopics(editor, a!.id, b!.id))).message).toMatch(/same round/);
  });
});

describe('pending votes', () => {
  it('a pick becomes a vote when the reader becomes a patron, within budget, idempotently', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { votesPerPatron: 2 });
    const topics = await makeTopics(p, round.id, 3);
    const u = await makeUser(p);
    for (const t of topics) await pickTopicAsNonPatron(u.id, t.id);
    await pickTopicAsNonPatron(u.id, topics[0]!.id); // idempotent
    expect(await p.pendingVote.count({ where: { userId: u.id } })).toBe(3);
    expect(await convertPendingVotes(u.id)).toEqual({ converted: 0, dropped: 0, kept: 3 }); // not a patron yet
    await addSubscription(p, u.id, 'active');
    const [a, b] = await Promise.all([convertPendingVotes(u.id), convertPendingVotes(u.id)]);
    expect(a.converted + b.converted).toBe(2);
    expect(await convertPendingVotes(u.id)).toEqual({ converted: 0, dropped: 0, kept: 0 });
    expect(await myBallot(u.id, round.id)).toMatchObject({ used: 2, topicIds: [topics[0]!.id, topics[1]!.id] });
    expect(await p.voteAudit.count({ where: { userId: u.id, action: 'converted' } })).toBe(2);
    expect(await p.pendingVote.count({ where: { userId: u.id } })).toBe(0);
  });

  it('refuses picks on closed rounds and unknown topics', async () => {
    const p = db.prisma;
    const u = await makeUser(p);
    const closed = await makeRound(p, { status: 'CLOSED' });
    const [t] = await makeTopics(p, closed.id, 1);
    expect((await refusal(pickTopicAsNonPatron(u.id, t!.id))).code).toBe('ROUND_CLOSED');
    expect((await refusal(pickTopicAsNonPatron(u.id, 'nope'))).code).toBe('UNKNOWN_TOPIC');
  });
});

describe('closing the loop', () => {
  it('links an article, publishes the topic and emails every voter exactly once', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [t, other] = await makeTopics(p, round.id, 2);
    const voters = [await makePatron(p), await makePatron(p), await makePatron(p)];
    for (const v of voters) await castVote(v.id, t!.id);
    await castVote(voters[0]!.id, other!.id);
    const draft = await makeArticle(false);
    expect(await linkArticleToTopic(t!.id, draft.id)).toEqual({ published: false, notified: 0 });
    expect((await p.topic.findUniqueOrThrow({ where: { id: t!.id } })).status).toBe('COMMISSIONED');
    expect(await notifyVotersOfPublishedArticle(t!.id, draft.id)).toBe(0); // not visible
    expect(await commissionedMarkForArticle(draft.id)).toEqual({ count: 3, roundSlug: round.slug, roundTitle: round.title });
    await p.article.update({ where: { id: draft.id }, data: { status: 'PUBLISHED', publishedAt: new Date(Date.now() - 1000) } });
    const [x, y] = await Promise.all([onArticlePublished(draft.id), onArticlePublished(draft.id)]);
    expect(x.notified + y.notified).toBe(3);
    expect(await notifyVotersOfPublishedArticle(t!.id, draft.id)).toBe(0);
    expect((await p.topic.findUniqueOrThrow({ where: { id: t!.id } })).status).toBe('PUBLISHED');
    const mails = await p.email.findMany({
      where: { kind: 'voting-topic-published', dedupeKey: { startsWith: `topic-published:${t!.id}:` } },
    });
    expect(mails).toHaveLength(3);
    expect(mails.every((m) => m.transport !== 'claim')).toBe(true);
    expect(new Set(mails.map((m) => m.to))).toEqual(new Set(voters.map((v) => v.email)));
    expect(mails[0]!.html).toContain('Rents &lt;rose&gt; &amp; fell');
    expect(mails[0]!.html).not.toContain('<rose>');
    expect(mails[0]!.text).toContain(`/articles/${draft.slug}`);
    const res = await roundResults(round.id);
    expect(res!.topics.find((r) => r.id === t!.id)!.articles).toEqual([{ slug: draft.slug, title: draft.title }]);
    // Linking a published article by slug notifies straight away.
    const live = await makeArticle(true);
    expect(await linkArticleBySlug(editor, other!.id, live.slug)).toEqual({ published: true, notified: 1 });
    expect((await refusal(linkArticleBySlug(editor, other!.id, 'no-such-article'))).code).toBe('UNKNOWN_ARTICLE');
    expect((await refusal(linkArticleBySlug(reader, other!.id, live.slug))).code).toBe('FORBIDDEN');
    expect(await commissionedMarkForArticle('nope')).toBeNull();
  });

  it('openRoundForSection returns the open round and the section’s topics', async () => {
    const p = db.prisma;
    await p.round.updateMany({ where: { status: 'OPEN' }, data: { status: 'CLOSED' } });
    expect(await openRoundForSection('x')).toBeNull();
    const section = await p.section.create({ data: { slug: `sec-${Date.now()}`, name: 'Transport' } });
    const round = await makeRound(p);
    await makeTopics(p, round.id, 2);
    const [mine] = await makeTopics(p, round.id, 1, { sectionId: section.id });
    const cta = await openRoundForSection(section.id);
    expect(cta).toMatchObject({ round: { slug: round.slug }, sectionMatched: true, topics: [{ id: mine!.id }] });
    const any = await openRoundForSection('other');
    expect(any!.sectionMatched).toBe(false);
    expect(any!.topics).toHaveLength(3);
  });
});
