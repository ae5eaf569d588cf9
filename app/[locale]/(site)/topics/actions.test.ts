/** The topic server actions enforce the vote and suggestion limits too: the message shows, nothing is written. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { consumeLimit } from '@/lib/limits/limiter';
import { makePatron, makeRound, makeTopics } from '@/lib/voting/testing';
import { castVote } from '@/lib/voting/votes';
import { suggestAction, voteAction } from './actions';

const db = setupTestDb();
afterAll(() => setSessionLookupForTesting(undefined));
afterEach(() => {
  delete process.env.LIMIT_VOTES;
  delete process.env.LIMIT_SUGGESTIONS;
});
const fd = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};

describe('topic actions over their limits', () => {
  it('voteAction answers with the limit sentence and casts nothing', async () => {
    process.env.LIMIT_VOTES = '1/10m';
    const round = await makeRound(db.prisma);
    const [topic] = await makeTopics(db.prisma, round.id, 1);
    const patron = await makePatron(db.prisma);
    setSessionLookupForTesting(async () => ({ user: { id: patron.id, email: patron.email, role: 'READER' } }));
    expect((await consumeLimit('votes', patron.id)).ok).toBe(true); // the one allowed in this window, used elsewhere
    const state = await voteAction({ ok: true, message: null }, fd({ topicId: topic!.id, intent: 'cast', back: '/topics' }));
    expect(state).toEqual({
      ok: false,
      message: 'You have changed your votes many times in a short time. Please wait 10 minutes and try again.',
    });
    expect(await db.prisma.vote.count({ where: { userId: patron.id } })).toBe(0);
  });

  it('suggestAction keeps what was typed, answers with the sentence and stores no topic', async () => {
    process.env.LIMIT_SUGGESTIONS = '1/1d';
    const round = await makeRound(db.prisma);
    const patron = await makePatron(db.prisma);
    setSessionLookupForTesting(async () => ({ user: { id: patron.id, email: patron.email, role: 'READER' } }));
    expect((await consumeLimit('suggestions', patron.id)).ok).toBe(true);
    const topics = await db.prisma.topic.count();
    const state = await suggestAction(
      { ok: true, message: null, errors: {}, values: { title: '', description: '' } },
      fd({ roundId: round.id, title: 'Bus lanes on Mill Street', description: 'Why so slow?' }),
    );
    expect(state).toEqual({
      ok: false,
      message: 'You have sent many topic suggestions today. Please wait 24 hours before suggesting another.',
      errors: {},
      values: { title: 'Bus lanes on Mill Street', description: 'Why so slow?' },
    });
    expect(await db.prisma.topic.count()).toBe(topics);
  });

  it('voteAction answers in the page’s language (hidden locale field), refusals too; an unknown locale is English', async () => {
    const round = await makeRound(db.prisma, { votesPerPatron: 1 });
    const [a, b] = await makeTopics(db.prisma, round.id, 2);
    const patron = await makePatron(db.prisma);
    setSessionLookupForTesting(async () => ({ user: { id: patron.id, email: patron.email, role: 'READER' } }));
    await castVote(patron.id, a!.id); // (a successful action revalidates the page, which needs Next's runtime)
    const invalid = await voteAction({ ok: true, message: null }, fd({ topicId: a!.id, intent: 'explode', locale: 'uk' }));
    expect(invalid).toEqual({ ok: false, message: 'Цей запит недійсний. Оновіть сторінку і спробуйте ще раз.' });
    const refused = await voteAction({ ok: true, message: null }, fd({ topicId: b!.id, intent: 'cast', back: '/topics', locale: 'uk' }));
    expect(refused).toEqual({
      ok: false,
      message: 'Ви вже використали свій єдиний голос у цьому раунді. Заберіть його, щоб проголосувати за іншу тему.',
    });
    const english = await voteAction({ ok: true, message: null }, fd({ topicId: b!.id, intent: 'cast', back: '/topics', locale: 'xx' }));
    expect(english.message).toBe('You have used your only vote in this round. Withdraw it to vote for something else.');
  });

  it('on /uk, the limit sentence and the suggestion form’s field errors are in Ukrainian (English unchanged)', async () => {
    const round = await makeRound(db.prisma);
    const patron = await makePatron(db.prisma);
    setSessionLookupForTesting(async () => ({ user: { id: patron.id, email: patron.email, role: 'READER' } }));
    const empty = { ok: true, message: null, errors: {}, values: { title: '', description: '' } };
    const uk = await suggestAction(empty, fd({ roundId: round.id, title: 'x', description: 'd'.repeat(2001), locale: 'uk' }));
    expect(uk.ok).toBe(false);
    expect(uk.errors).toEqual({ title: 'Вкажіть назву теми', description: 'Опис задовгий (щонайбільше 2000 символів)' });
    expect(uk.message).toBe('Вкажіть назву теми');
    const oneLine = await suggestAction(empty, fd({ roundId: round.id, title: 'Two\nlines', locale: 'uk' }));
    expect(oneLine.errors).toEqual({ title: 'Назва має вміщатися в один рядок' });
    const en = await suggestAction(empty, fd({ roundId: round.id, title: 'T'.repeat(151), description: '' }));
    expect(en.errors).toEqual({ title: 'A title is too long (150 characters at most)' });
    expect(await db.prisma.topic.count({ where: { suggestedById: patron.id } })).toBe(0);

    process.env.LIMIT_SUGGESTIONS = '1/1d';
    process.env.LIMIT_VOTES = '1/10m';
    // (The three refused suggestions above were counted already: this patron is over one a day.)
    const limited = await suggestAction(empty, fd({ roundId: round.id, title: 'Bus lanes', locale: 'uk' }));
    expect(limited.message).toBe('Сьогодні ви надіслали вже багато пропозицій тем. Зачекайте 24 години, перш ніж запропонувати ще одну.');
    const [topic] = await makeTopics(db.prisma, round.id, 1);
    expect((await consumeLimit('votes', patron.id)).ok).toBe(true);
    const vote = await voteAction({ ok: true, message: null }, fd({ topicId: topic!.id, intent: 'cast', back: '/topics', locale: 'uk' }));
    expect(vote).toEqual({
      ok: false,
      message: 'Ви надто часто змінювали свої голоси за короткий час. Зачекайте 10 хвилин і спробуйте знову.',
    });
  });
});
