import { expect, it } from 'vitest';
import { useTestDb } from '@/lib/db/testing-vitest';
import { castVote } from './votes';
import { closeLoopForLiveArticles } from './scheduled';
import { makePatron, makeRound, makeTopics } from './testing';

const db = useTestDb();

it('a scheduled article linked to a commissioned topic emails its voters once it goes live, once', async () => {
  const p = db.prisma;
  const round = await makeRound(p);
  const [topic] = await makeTopics(p, round.id, 1);
  const voter = await makePatron(p);
  await castVote(voter.id, topic!.id);
  await p.topic.update({ where: { id: topic!.id }, data: { status: 'COMMISSIONED' } });
  const section = await p.section.create({ data: { slug: 'sched', name: 'Sched' } });
  const goesLive = new Date(Date.now() + 60 * 60_000);
  const article = await p.article.create({
    data: { slug: 'sched-story', title: 'The story you asked for', body: 'Text', sectionId: section.id, status: 'SCHEDULED', publishedAt: goesLive },
  });
  await p.topicArticle.create({ data: { topicId: topic!.id, articleId: article.id } });

  // Before it goes live: nothing.
  expect(await closeLoopForLiveArticles(new Date())).toEqual({ articles: 0, notified: 0 });
  expect(await p.email.count({ where: { kind: 'voting-topic-published' } })).toBe(0);

  // After: the voter is told, the topic is published; a second run sends nothing more.
  const later = new Date(goesLive.getTime() + 60_000);
  expect(await closeLoopForLiveArticles(later)).toEqual({ articles: 1, notified: 1 });
  expect(await p.topic.findUniqueOrThrow({ where: { id: topic!.id } })).toMatchObject({ status: 'PUBLISHED' });
  expect(await closeLoopForLiveArticles(later)).toEqual({ articles: 0, notified: 0 });
  const mails = await p.email.findMany({ where: { kind: 'voting-topic-published' } });
  expect(mails.map((m) => m.to)).toEqual([voter.email]);
  expect(mails[0]!.text).toContain('/articles/sched-story');
});
