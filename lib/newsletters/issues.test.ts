/** Scheduling, the throttle, and what an editor may do with an issue. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { drainJobs } from '@/lib/jobs/testing';
import { makeUser } from '@/lib/voting/testing';
import { cancelIssue, createIssue, issueProgress, previewIssue, queueTestSend, scheduleIssue, startIssue, tickNewsletters } from './issues';
import { confirmedSubscriber, makeArticle, makeNewsletter } from './testing';

const db = setupTestDb();
afterEach(() => vi.unstubAllEnvs());

describe('issues', () => {
  it('a scheduled issue is started by the minute tick once its time has come, not before', async () => {
    const n = await makeNewsletter(db.prisma);
    const a = await makeArticle(db.prisma);
    await confirmedSubscriber(db.prisma, n.id, 'sched@example.com');
    const issue = await createIssue({ newsletterId: n.id, subject: 'Scheduled one', articleIds: [a.id] }, null);
    const at = new Date(Date.now() + 3600_000);
    await expect(scheduleIssue(issue, new Date(Date.now() - 1000))).rejects.toMatchObject({ code: 'PAST' });
    await scheduleIssue(issue, at);
    expect((await tickNewsletters({ now: new Date() })).started).toBe(0);
    expect((await tickNewsletters({ now: new Date(at.getTime() + 1000) })).started).toBe(1);
    await drainJobs({ names: ['newsletter.send-batch'] });
    expect(await db.prisma.email.count({ where: { kind: 'newsletter', subject: 'Scheduled one' } })).toBe(1);
    await expect(cancelIssue(issue)).rejects.toMatchObject({ code: 'NOT_DRAFT' });
  });

  it('the throttle delays the next batch by its share of a minute', async () => {
    vi.stubEnv('NEWSLETTER_BATCH_SIZE', '5');
    vi.stubEnv('NEWSLETTER_MAX_PER_MINUTE', '60');
    const n = await makeNewsletter(db.prisma);
    const a = await makeArticle(db.prisma);
    for (let i = 0; i < 12; i++) await confirmedSubscriber(db.prisma, n.id, `throttle-${i}@example.com`);
    const issue = await createIssue({ newsletterId: n.id, subject: 'Throttled', articleIds: [a.id] }, null);
    await startIssue(issue);
    // One batch runs now; the next waits about 5 seconds (5 messages at 60 a minute).
    expect(await drainJobs({ names: ['newsletter.send-batch'] })).toEqual({ ran: 1, failed: 0 });
    expect(await issueProgress(issue)).toMatchObject({ sent: 5, pending: 7 });
    await drainJobs({ names: ['newsletter.send-batch'], ignoreDelays: true });
    expect(await issueProgress(issue)).toMatchObject({ sent: 12, pending: 0 });
  });

  it('a test send goes to the editor alone; the preview carries no real reader link; only published articles can be sent', async () => {
    const n = await makeNewsletter(db.prisma);
    const a = await makeArticle(db.prisma, { title: 'Preview me' });
    await confirmedSubscriber(db.prisma, n.id, 'not-for-tests@example.com');
    const editor = await makeUser(db.prisma, { role: 'EDITOR' });
    const issue = await createIssue({ newsletterId: n.id, subject: 'Test me', articleIds: [a.id] }, editor.id);
    const preview = await previewIssue(issue);
    expect(preview.html).toContain('Preview me');
    expect(preview.text).toContain('Preview me');
    await queueTestSend(issue, editor.email);
    await drainJobs();
    expect((await db.prisma.email.findMany({ where: { subject: '[Test] Test me' } })).map((m) => m.to)).toEqual([editor.email]);
    expect(await db.prisma.email.count({ where: { to: 'not-for-tests@example.com' } })).toBe(0);
    const draft = await db.prisma.article.create({
      data: { slug: `draft-${Date.now()}`, title: 'Draft', body: 'x', sectionId: a.sectionId },
    });
    await expect(createIssue({ newsletterId: n.id, subject: 'Nope', articleIds: [draft.id] }, null)).rejects.toMatchObject({
      code: 'UNKNOWN_ARTICLE',
    });
  });
});
