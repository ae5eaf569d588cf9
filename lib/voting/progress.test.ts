import { afterEach, describe, expect, it, vi } from 'vitest';
import nodemailer from 'nodemailer';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { setTransportFactoryForTesting } from '@/lib/mail/transport';
import { addSubscription, makePatron, makeRound, makeTopics, makeUser, refusal } from './testing';
import { castVote, withdrawVote } from './votes';
import { commissionTopic, declineTopic, onArticlePublished, linkArticleToTopic, setTopicTranslations } from './topics';
import { closeRound, setCommitment, updateRound } from './rounds';
import { localized } from '@/lib/i18n/content';
import { errorMessageIn, fieldErrorsIn } from '@/lib/errors/domain-error';
import { getTopicProgress, postTopicUpdate, setTopicStage, setTopicUpdateTranslations } from './progress';
import { followState, setFollow, stopTopicEmails, topicEmailStopToken, topicFollowers, verifyTopicEmailStopToken } from './follows';
import { notifyTopicFollowers } from './progress-notify';
import { drainJobs } from '@/lib/jobs/testing';
import { sqlOf } from '@/lib/db/sql';

const db = setupTestDb();
const editorOf = async () => {
  const u = await makeUser(db.prisma, { role: 'EDITOR' });
  return { id: u.id, role: 'EDITOR' as const };
};

/** An open round with one topic, voted for by `voters` patrons, then commissioned by an editor. */
async function commissioned(voters = 2) {
  const p = db.prisma;
  const round = await makeRound(p);
  const [topic] = await makeTopics(p, round.id, 1);
  const patrons = [];
  for (let i = 0; i < voters; i++) {
    const u = await makePatron(p);
    await castVote(u.id, topic!.id);
    patrons.push(u);
  }
  const editor = await editorOf();
  await commissionTopic(editor, topic!.id);
  return { round, topic: topic!, patrons, editor };
}

const updateEmails = (updateId: string) => db.prisma.email.findMany({ where: { dedupeKey: { startsWith: `topic-update:${updateId}:` } } });

afterEach(() => {
  vi.unstubAllEnvs();
  setTransportFactoryForTesting(undefined);
});

describe('stages', () => {
  it('commissioning starts the timeline; editors move it through validated stages; the page shows it', async () => {
    const { round, topic, editor } = await commissioned(1);
    expect((await db.prisma.topic.findUniqueOrThrow({ where: { id: topic.id } })).stage).toBe('COMMISSIONED');

    // Not allowed: skipping to reporting, publishing by hand, assigning without a name.
    expect((await refusal(setTopicStage(editor, topic.id, { stage: 'REPORTING' }))).code).toBe('CONFLICT');
    expect((await refusal(setTopicStage(editor, topic.id, { stage: 'PUBLISHED' }))).code).toBe('INVALID');
    expect((await refusal(setTopicStage(editor, topic.id, { stage: 'ASSIGNED', reporterName: '' }))).fieldErrors).toHaveProperty(
      'reporterName',
    );
    expect((await refusal(setTopicStage(editor, topic.id, { stage: 'PAUSED' }))).fieldErrors).toHaveProperty('reason');

    await setTopicStage(editor, topic.id, { stage: 'ASSIGNED', reporterName: 'Maya Ortiz' });
    await setTopicStage(editor, topic.id, { stage: 'REPORTING' });
    await setTopicStage(editor, topic.id, { stage: 'PAUSED', reason: 'Waiting for the council’s records request.' });
    await setTopicStage(editor, topic.id, { stage: 'REPORTING' });

    const page = await getTopicProgress(round.slug, topic.id);
    expect(page!.topic).toMatchObject({ stage: 'REPORTING', reporterName: 'Maya Ortiz' });
    expect(page!.events.map((e) => e.stage)).toEqual(['COMMISSIONED', 'ASSIGNED', 'REPORTING', 'PAUSED', 'REPORTING']);
    expect(page!.events[3]!.reason).toBe('Waiting for the council’s records request.');
    expect(page!.voters).toBe(1);
    // Wrong round slug, or a topic never commissioned: no page.
    expect(await getTopicProgress('another-round', topic.id)).toBeNull();
    const [open] = await makeTopics(db.prisma, round.id, 1);
    expect(await getTopicProgress(round.slug, open!.id)).toBeNull();
  });

  it('declining is final, with the editor’s public reason, also on the round', async () => {
    const { round, topic, editor } = await commissioned(0);
    await setTopicStage(editor, topic.id, { stage: 'DECLINED', reason: 'The source withdrew; we could not stand the story up.' });
    const t = await db.prisma.topic.findUniqueOrThrow({ where: { id: topic.id } });
    expect(t).toMatchObject({
      stage: 'DECLINED',
      status: 'DECLINED',
      declineReason: 'The source withdrew; we could not stand the story up.',
    });
    expect((await refusal(setTopicStage(editor, topic.id, { stage: 'ASSIGNED', reporterName: 'Someone' }))).code).toBe('CONFLICT');
    expect((await getTopicProgress(round.slug, topic.id))!.topic.declineReason).toBe(
      'The source withdrew; we could not stand the story up.',
    );
  });

  it('publishing the linked article records "published" once, however often the loop runs', async () => {
    const { round, topic } = await commissioned(1);
    const section = await db.prisma.section.create({ data: { slug: `s-${Date.now()}`, name: 'Local' } });
    const article = await db.prisma.article.create({
      data: { slug: `a-${Date.now()}`, title: 'The story', body: 'Text', status: 'DRAFT', sectionId: section.id },
    });
    await linkArticleToTopic(topic.id, article.id);
    await db.prisma.article.update({ where: { id: article.id }, data: { status: 'PUBLISHED', publishedAt: new Date(Date.now() - 1000) } });
    await Promise.all([onArticlePublished(article.id), onArticlePublished(article.id)]);
    await onArticlePublished(article.id);
    const page = await getTopicProgress(round.slug, topic.id);
    expect(page!.events.map((e) => e.stage)).toEqual(['COMMISSIONED', 'PUBLISHED']);
    expect(page!.topic.stage).toBe('PUBLISHED');
    expect(page!.articles.map((a) => a.title)).toEqual(['The story']);
  });

  it('a topic commissioned before progress existed joins its timeline when the editor first moves it', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [t] = await makeTopics(p, round.id, 1);
    await p.topic.update({ where: { id: t!.id }, data: { status: 'COMMISSIONED' } }); // no stage, no events
    expect((await getTopicProgress(round.slug, t!.id))!.events.map((e) => e.stage)).toEqual(['COMMISSIONED']);
    await setTopicStage(await editorOf(), t!.id, { stage: 'ASSIGNED', reporterName: 'Ana Ruiz' });
    expect((await getTopicProgress(round.slug, t!.id))!.events.map((e) => e.stage)).toEqual(['COMMISSIONED', 'ASSIGNED']);
  });

  it('only editors change stages or post updates', async () => {
    const { topic } = await commissioned(0);
    const reader = await makeUser(db.prisma);
    const patron = await makePatron(db.prisma);
    for (const actor of [null, { id: reader.id, role: 'READER' as const }, { id: patron.id, role: 'READER' as const }]) {
      expect(['NOT_SIGNED_IN', 'FORBIDDEN']).toContain(
        (await refusal(setTopicStage(actor, topic.id, { stage: 'ASSIGNED', reporterName: 'X Y' }))).code,
      );
      expect(['NOT_SIGNED_IN', 'FORBIDDEN']).toContain((await refusal(postTopicUpdate(actor, topic.id, 'We started.'))).code);
    }
    expect(await db.prisma.topicUpdate.count({ where: { topicId: topic.id } })).toBe(0);
    expect(await db.prisma.topicEvent.count({ where: { topicId: topic.id } })).toBe(1);
  });
});

describe('followers and emails', () => {
  it('each follower gets an update once, even when notify runs twice at once and again later', async () => {
    const { topic, patrons, editor } = await commissioned(3);
    const reader = await makeUser(db.prisma);
    await setFollow(reader.id, topic.id, true);
    const update = await postTopicUpdate(editor, topic.id, 'Maya has filed the first records request.');
    const [a, b] = await Promise.all([notifyTopicFollowers(update.id), notifyTopicFollowers(update.id)]);
    expect(a.sent + b.sent).toBe(4);
    expect(await notifyTopicFollowers(update.id)).toMatchObject({ sent: 0, alreadyDone: true });
    // The job queued with the update finds the work done.
    await drainJobs({ names: ['topic.update-notify'] });
    expect(await updateEmails(update.id)).toHaveLength(4);
    const emails = await updateEmails(update.id);
    expect(emails.map((e) => e.userId).sort()).toEqual([...patrons.map((u) => u.id), reader.id].sort());
    expect(emails[0]!.text).toContain('Maya has filed the first records request.');
    expect(emails[0]!.text).toMatch(/\/topic-emails\/stop\?token=/);
    expect((await db.prisma.topicUpdate.findUniqueOrThrow({ where: { id: update.id } })).notifiedAt).not.toBeNull();
  });

  it('posting an update queues its job in the same transaction; a run cut short is finished by the retry, without sending twice', async () => {
    const { topic, patrons, editor } = await commissioned(2);
    await drainJobs();
    const update = await postTopicUpdate(editor, topic.id, 'Interviews under way.');
    const jobs = await sqlOf(db.prisma).query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'topic.update-notify' AND data->>'updateId' = $1`,
      [update.id],
    );
    expect(jobs[0]!.n).toBe(1);
    // A crash after the first email: one claimed, notifiedAt still null; the job is retried.
    await notifyTopicFollowers(update.id);
    await db.prisma.topicUpdate.update({ where: { id: update.id }, data: { notifiedAt: null } });
    await db.prisma.email.deleteMany({ where: { dedupeKey: `topic-update:${update.id}:${patrons[1]!.id}` } });
    expect(await drainJobs({ names: ['topic.update-notify'] })).toEqual({ ran: 1, failed: 0 });
    expect((await updateEmails(update.id)).length).toBe(2);
    expect((await db.prisma.topicUpdate.findUniqueOrThrow({ where: { id: update.id } })).notifiedAt).not.toBeNull();
  });

  it('unfollowing, withdrawing the vote or stopping topic emails stops them; following again resumes', async () => {
    const { topic, patrons, editor } = await commissioned(4);
    const [unfollower, stopper, stays, withdrawer] = patrons as unknown as [{ id: string }, { id: string }, { id: string }, { id: string }];
    // Voters follow through their vote: taking it back (the round is still open) stops the emails.
    await withdrawVote(withdrawer.id, topic.id);
    expect(await followState(withdrawer.id, topic.id)).toMatchObject({ following: false, voted: false });
    expect(await followState(unfollower.id, topic.id)).toEqual({ following: true, voted: true, emailsStopped: false });
    await setFollow(unfollower.id, topic.id, false);
    expect(await followState(unfollower.id, topic.id)).toMatchObject({ following: false, voted: true });
    expect(await stopTopicEmails(topicEmailStopToken(stopper.id))).toBe(true);
    expect(await stopTopicEmails('forged.' + 'A'.repeat(43))).toBe(false);
    expect((await topicFollowers(topic.id)).map((f) => f.id)).toEqual([stays.id]);

    const first = await postTopicUpdate(editor, topic.id, 'First update.');
    await notifyTopicFollowers(first.id);
    expect((await updateEmails(first.id)).map((e) => e.userId)).toEqual([stays.id]);

    await setFollow(stopper.id, topic.id, true); // an explicit follow turns topic emails back on
    const second = await postTopicUpdate(editor, topic.id, 'Second update.');
    await notifyTopicFollowers(second.id);
    expect((await updateEmails(second.id)).map((e) => e.userId).sort()).toEqual([stopper.id, stays.id].sort());
  });

  it('stop tokens are bound to their reader and to the secret', () => {
    const t = topicEmailStopToken('user_abc');
    expect(verifyTopicEmailStopToken(t)).toBe('user_abc');
    const [id, sig] = t.split('.');
    expect(verifyTopicEmailStopToken(`${Buffer.from('user_abd').toString('base64url')}.${sig}`)).toBeNull();
    expect(verifyTopicEmailStopToken(`${id}.${sig!.slice(0, -1)}x`)).toBeNull();
    expect(verifyTopicEmailStopToken(undefined)).toBeNull();
    vi.stubEnv('NEXTAUTH_SECRET', 'another-secret-entirely-0123456789');
    expect(verifyTopicEmailStopToken(t)).toBeNull();
  });

  it('SMTP sends carry the one-click List-Unsubscribe headers', async () => {
    vi.stubEnv('EMAIL_SERVER', 'smtp://mail.example:587');
    const sentMessages: string[] = [];
    setTransportFactoryForTesting(() => {
      const t = nodemailer.createTransport({ jsonTransport: true });
      const send = t.sendMail.bind(t);
      t.sendMail = (async (m: Parameters<typeof send>[0]) => {
        const info = await send(m);
        sentMessages.push(String((info as { message: string }).message));
        return info;
      }) as typeof t.sendMail;
      return t;
    });
    const { topic, editor } = await commissioned(1);
    const update = await postTopicUpdate(editor, topic.id, 'Headers test.');
    expect((await notifyTopicFollowers(update.id)).sent).toBe(1);
    await drainJobs();
    const msg = JSON.parse(sentMessages[0]!) as { headers: Record<string, string> };
    expect(msg.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(msg.headers['List-Unsubscribe']).toMatch(/^<http.*\/api\/topic-emails\/stop\?token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}>$/);
  });

  it('followers who are no longer patrons are invited to become patrons again', async () => {
    const { topic, patrons, editor } = await commissioned(1);
    await db.prisma.subscription.deleteMany({ where: { userId: patrons[0]!.id } });
    await addSubscription(db.prisma, patrons[0]!.id, 'canceled');
    const update = await postTopicUpdate(editor, topic.id, 'Still reporting.');
    await notifyTopicFollowers(update.id);
    const [email] = await updateEmails(update.id);
    expect(email!.text).toContain('Patrons choose what we report next');
  });
});

describe('in Ukrainian', () => {
  it('a progress update and a pause reason carry their Ukrainian text to /uk and to Ukrainian followers, falling back to English', async () => {
    const { round, topic, patrons, editor } = await commissioned(2);
    await db.prisma.user.update({ where: { id: patrons[0]!.id }, data: { locale: 'uk' } });
    await setTopicStage(editor, topic.id, {
      stage: 'PAUSED',
      reason: 'Waiting for the council.',
      translations: { uk: { reason: 'Чекаємо на міську раду.' } },
    });
    const update = await postTopicUpdate(editor, topic.id, 'The council answered.', {
      translations: { uk: { body: 'Міська рада відповіла.' } },
    });
    await notifyTopicFollowers(update.id);
    const emails = await updateEmails(update.id);
    expect(emails.find((e) => e.userId === patrons[0]!.id)!.text).toContain('Міська рада відповіла.');
    expect(emails.find((e) => e.userId === patrons[1]!.id)!.text).toContain('The council answered.');

    const p = (await getTopicProgress(round.slug, topic.id))!;
    const paused = p.events.find((e) => e.stage === 'PAUSED')!;
    expect(localized(paused.translations, 'uk', 'reason', paused.reason)).toBe('Чекаємо на міську раду.');
    expect(localized(paused.translations, 'en', 'reason', paused.reason)).toBe('Waiting for the council.');
    expect(localized(p.updates[0]!.translations, 'uk', 'body', p.updates[0]!.body)).toBe('Міська рада відповіла.');

    // Corrected afterwards; emptied, readers of /uk see the English again.
    await setTopicUpdateTranslations(editor, topic.id, update.id, { uk: { body: 'Міськрада відповіла нам.' } });
    let u = (await getTopicProgress(round.slug, topic.id))!.updates[0]!;
    expect(localized(u.translations, 'uk', 'body', u.body)).toBe('Міськрада відповіла нам.');
    await setTopicUpdateTranslations(editor, topic.id, update.id, {});
    u = (await getTopicProgress(round.slug, topic.id))!.updates[0]!;
    expect(localized(u.translations, 'uk', 'body', u.body)).toBe('The council answered.');
    // Another topic's update cannot be changed through this one.
    const [other] = await makeTopics(db.prisma, round.id, 1);
    expect((await refusal(setTopicUpdateTranslations(editor, other!.id, update.id, {}))).code).toBe('INVALID');
  });

  it('a decline reason and a commitment keep their Ukrainian text when the names are edited, and the other way round', async () => {
    const p = db.prisma;
    const editor = await editorOf();
    const round = await makeRound(p);
    const [topic] = await makeTopics(p, round.id, 1);
    await declineTopic(editor, topic!.id, 'We covered it last month.', { uk: { declineReason: 'Ми писали про це минулого місяця.' } });
    await setTopicTranslations(editor, topic!.id, { uk: { title: 'Нова назва' } });
    const t = await p.topic.findUniqueOrThrow({ where: { id: topic!.id } });
    expect(localized(t.translations, 'uk', 'declineReason', t.declineReason)).toBe('Ми писали про це минулого місяця.');
    expect(localized(t.translations, 'uk', 'title', t.title)).toBe('Нова назва');

    await closeRound(editor, round.id, {
      commitment: 'We will cover the ferry.',
      translations: { uk: { commitment: 'Ми напишемо про пором.' } },
    });
    const r = await p.round.findUniqueOrThrow({ where: { id: round.id } });
    await updateRound(editor, round.id, {
      title: r.title,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      translations: { uk: { title: 'Раунд' } },
    });
    let saved = await p.round.findUniqueOrThrow({ where: { id: round.id } });
    expect(localized(saved.translations, 'uk', 'commitment', saved.commitment)).toBe('Ми напишемо про пором.');
    expect(localized(saved.translations, 'uk', 'title', saved.title)).toBe('Раунд');
    await setCommitment(editor, round.id, 'We will cover the ferry first.');
    saved = await p.round.findUniqueOrThrow({ where: { id: round.id } });
    expect(localized(saved.translations, 'uk', 'commitment', saved.commitment)).toBe('We will cover the ferry first.');
    expect(localized(saved.translations, 'uk', 'title', saved.title)).toBe('Раунд');
  });

  it('refusals of the desk are said in the editor’s language, with English kept as the message', async () => {
    const { topic, editor } = await commissioned(0);
    const err = await refusal(setTopicStage(editor, topic.id, { stage: 'PAUSED', reason: '' }));
    expect(err.message).toBe('A reason is required');
    expect(fieldErrorsIn(err, 'uk')).toEqual({ reason: 'Причина: поле обов’язкове' });
    const long = await refusal(postTopicUpdate(editor, topic.id, 'x'.repeat(2001)));
    expect(long.message).toBe('The update is too long (2000 characters at most)');
    expect(errorMessageIn(long, 'uk')).toBe('Текст новини: задовго (щонайбільше 2000 символів)');
    const moved = await refusal(setTopicStage(editor, topic.id, { stage: 'REPORTING' }));
    expect(moved.message).toBe('A topic that is commissioned cannot move to “reporting”.');
  });
});
