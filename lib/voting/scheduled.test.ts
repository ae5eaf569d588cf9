import { expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { castVote } from './votes';
import { closeLoopForLiveArticles } from './scheduled';
import { makePatron, makeRound, makeTopics } from './testing';
import { onArticlePublished } from './topics';
import { sqlOf } from '@/lib/db/sql';
import { drainJobs } from '@/lib/jobs/testing';

const db = setupTestDb();

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
    data: {
      slug: 'sched-story',
      title: 'The story you asked for',
      body: 'Text',
      sectionId: section.id,
      status: 'SCHEDULED',
      publishedAt: goesLive,
    },
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

it('publishing a topic marks it and queues one email job per voter in one transaction: both or neither', async () => {
  const p = db.prisma;
  const sql = sqlOf(p);
  const round = await makeRound(p);
  const [topic] = await makeTopics(p, round.id, 1);
  const voters = await Promise.all([1, 2, 3].map(() => makePatron(p)));
  for (const v of voters) await castVote(v.id, topic!.id);
  await p.topic.update({ where: { id: topic!.id }, data: { status: 'COMMISSIONED' } });
  const section = await p.section.create({ data: { slug: 'atomic', name: 'Atomic' } });
  const article = await p.article.create({
    data: {
      slug: 'atomic-story',
      title: 'Atomic',
      body: 'Text',
      sectionId: section.id,
      status: 'PUBLISHED',
      publishedAt: new Date(Date.now() - 60_000),
    },
  });
  await p.topicArticle.create({ data: { topicId: topic!.id, articleId: article.id } });
  await drainJobs();
  const mine = { dedupeKey: { startsWith: `topic-published:${topic!.id}:` } };
  const emailJobs = async () =>
    (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'email.send' AND state = 'created'`))[0]!.n;

  // The queue refuses the jobs (a trigger stands in for a failure there): the topic stays COMMISSIONED
  // and no email row is left behind, so the next run can do it all again.
  await sql.script(`
    CREATE FUNCTION refuse_jobs() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'queue unavailable'; END $$;
    CREATE TRIGGER refuse_jobs BEFORE INSERT ON pgboss.job FOR EACH ROW EXECUTE FUNCTION refuse_jobs();`);
  await expect(onArticlePublished(article.id)).rejects.toThrow(/queue unavailable/);
  expect(await p.topic.findUniqueOrThrow({ where: { id: topic!.id } })).toMatchObject({ status: 'COMMISSIONED' });
  expect(await p.email.count({ where: mine })).toBe(0);
  expect(await emailJobs()).toBe(0);

  await sql.script(`DROP TRIGGER refuse_jobs ON pgboss.job; DROP FUNCTION refuse_jobs()`);
  expect(await onArticlePublished(article.id)).toEqual({ topics: 1, notified: 3 });
  expect(await p.topic.findUniqueOrThrow({ where: { id: topic!.id } })).toMatchObject({ status: 'PUBLISHED' });
  expect(await emailJobs()).toBe(3);
  expect(await p.email.count({ where: { ...mine, status: 'queued' } })).toBe(3);
  expect(await drainJobs()).toEqual({ ran: 3, failed: 0 });
  expect(await p.email.count({ where: { ...mine, status: 'sent' } })).toBe(3);
});
