import { afterAll, describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { makePatron, makeRound, makeTopics, makeUser } from '@/lib/voting/testing';
import { POST } from './route';

const db = setupTestDb();
afterAll(() => setSessionLookupForTesting(undefined));

const as = (u: { id: string; email: string } | null) =>
  setSessionLookupForTesting(async () => (u ? { user: { id: u.id, email: u.email, role: 'READER' } } : null));
const post = (body: unknown, type = 'application/json', cookie?: string) =>
  POST(
    new Request('http://x/api/votes', {
      method: 'POST',
      headers: { 'content-type': type, ...(cookie ? { cookie } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

describe('POST /api/votes', () => {
  it('validates input with JSON 4xx answers and casts/withdraws for patrons', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { votesPerPatron: 1 });
    const [a, b] = await makeTopics(p, round.id, 2);
    as(null);
    expect((await post({ topicId: a!.id })).status).toBe(401);
    const patron = await makePatron(p);
    as(patron);
    expect((await post('{nope')).status).toBe(400);
    expect((await post({ topicId: a!.id }, 'text/plain')).status).toBe(415);
    const bad = await post({ topicId: 42, action: 'explode' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBeTruthy();
    const ok = await post({ topicId: a!.id, action: 'cast' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, remaining: 0 });
    const dup = await post({ topicId: a!.id });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toEqual({ error: 'You already voted for this topic', code: 'DUPLICATE' });
    const budget = await post({ topicId: b!.id });
    expect(budget.status).toBe(409);
    expect((await budget.json()).error).toBe('You have used your only vote in this round. Withdraw it to vote for something else.');
    expect((await post({ topicId: 'missing' })).status).toBe(404);
    expect((await post({ topicId: a!.id, action: 'withdraw' })).status).toBe(200);
  });

  it('non-patrons are refused votes with the patron message and can pick instead', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [a] = await makeTopics(p, round.id, 1);
    const reader = await makeUser(p);
    as(reader);
    const r = await post({ topicId: a!.id });
    expect(r.status).toBe(403);
    expect((await r.json()).error).toBe('Only patrons can vote. Become a patron to have your say.');
    expect((await post({ topicId: a!.id, action: 'pick' })).status).toBe(200);
    expect(await p.pendingVote.count({ where: { userId: reader.id } })).toBe(1);
  });

  it('a round for patrons who joined before it opened answers a newer patron 403 JOINED_AFTER_OPEN', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { joinedBeforeOpenOnly: true, opensAt: new Date(Date.UTC(2026, 2, 1, 12)) });
    const [a] = await makeTopics(p, round.id, 1);
    const newcomer = await makePatron(p);
    await p.subscription.updateMany({ where: { userId: newcomer.id }, data: { startedAt: new Date(Date.now() - 86_400_000) } });
    as(newcomer);
    const r = await post({ topicId: a!.id });
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({
      code: 'JOINED_AFTER_OPEN',
      error: 'Only patrons who joined before this round opened on March 1, 2026 can vote in it.',
    });
  });

  it('429 with Retry-After past the per-user limit; nothing is written; another user still votes', async () => {
    const p = db.prisma;
    process.env.LIMIT_VOTES = '2/10m';
    try {
      const round = await makeRound(p, { votesPerPatron: 5 });
      const [a, b, c] = await makeTopics(p, round.id, 3);
      const patron = await makePatron(p);
      as(patron);
      expect((await post({ topicId: a!.id })).status).toBe(200);
      expect((await post({ topicId: b!.id })).status).toBe(200);
      const over = await post({ topicId: c!.id });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(500);
      expect(await over.json()).toMatchObject({
        code: 'RATE_LIMITED',
        error: 'You have changed your votes many times in a short time. Please wait 10 minutes and try again.',
      });
      expect(await p.vote.count({ where: { userId: patron.id } })).toBe(2);
      const other = await makePatron(p);
      as(other);
      expect((await post({ topicId: c!.id })).status).toBe(200);
    } finally {
      delete process.env.LIMIT_VOTES;
    }
  });

  it('refuses a cross-site post (403) and text/plain; x=application/json (415) before anything happens', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [a] = await makeTopics(p, round.id, 1);
    const patron = await makePatron(p);
    as(patron);
    const cross = await POST(
      new Request('http://x/api/votes', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify({ topicId: a!.id }),
      }),
    );
    expect(cross.status).toBe(403);
    expect((await post({ topicId: a!.id }, 'text/plain; x=application/json')).status).toBe(415);
    expect(await p.vote.count({ where: { userId: patron.id } })).toBe(0);
  });

  it('answers in the reader’s language when the page sends `locale` (Ukrainian plurals), English by default', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { votesPerPatron: 3 });
    const [a, b, c, d] = await makeTopics(p, round.id, 4);
    const patron = await makePatron(p);
    as(patron);
    const ok = await post({ topicId: a!.id, locale: 'uk' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, remaining: 2, message: 'Голос зараховано. Лишилося 2 з 3.' });
    const dup = await post({ topicId: a!.id, locale: 'uk' });
    expect(await dup.json()).toEqual({ error: 'Ви вже проголосували за цю тему', code: 'DUPLICATE' });
    expect((await post({ topicId: b!.id, locale: 'uk' })).status).toBe(200);
    expect((await post({ topicId: c!.id })).status).toBe(200);
    const budget = await post({ topicId: d!.id, locale: 'uk' });
    expect(budget.status).toBe(409);
    expect((await budget.json()).error).toBe(
      'Ви вже використали всі 3 голоси в цьому раунді. Заберіть один, щоб проголосувати за іншу тему.',
    );
    expect((await (await post({ topicId: d!.id })).json()).error).toBe(
      'You have used all 3 of your votes in this round. Withdraw one to vote for something else.',
    );
    expect((await post({ topicId: d!.id, locale: 'fr' })).status).toBe(400);
  });

  it('without `locale`, answers in the request’s language: the NEXT_LOCALE cookie, else the reader’s account', async () => {
    const p = db.prisma;
    const round = await makeRound(p, { votesPerPatron: 3 });
    const [a, b] = await makeTopics(p, round.id, 2);
    const patron = await makePatron(p);
    as(patron);
    const uk = 'NEXT_LOCALE=uk';
    const ok = await post({ topicId: a!.id }, 'application/json', uk);
    expect(await ok.json()).toMatchObject({ message: 'Голос зараховано. Лишилося 2 з 3.' });
    expect(await (await post({ topicId: a!.id }, 'application/json', uk)).json()).toEqual({
      error: 'Ви вже проголосували за цю тему',
      code: 'DUPLICATE',
    });
    // Input validation, in Ukrainian too (and the English sentences are unchanged).
    expect(await (await post({ topicId: '' }, 'application/json', uk)).json()).toEqual({ error: 'Потрібен topicId', code: 'INVALID' });
    expect((await (await post({ topicId: a!.id, action: 'explode' }, 'application/json', uk)).json()).error).toBe(
      'action має бути cast, withdraw, pick або unpick',
    );
    expect((await (await post({ topicId: a!.id, locale: 'fr' }, 'application/json', uk)).json()).error).toBe('locale має бути en або uk');
    expect((await (await post({ topicId: 'x'.repeat(101) })).json()).error).toBe('topicId is too long');
    expect((await (await post({ topicId: a!.id, action: 'explode' })).json()).error).toBe('action must be cast, withdraw, pick or unpick');
    expect((await (await post('{nope', 'application/json', uk)).json()).error).toBe('Тіло запиту не є коректним JSON.');
    // No cookie: the reader's account language (read at once: nothing is remembered per process).
    await p.user.update({ where: { id: patron.id }, data: { locale: 'uk' } });
    expect(await (await post({ topicId: b!.id })).json()).toMatchObject({ message: 'Голос зараховано. Лишилося 1 з 3.' });
  });

  it('over the limit, a reader of the Ukrainian site is told in Ukrainian', async () => {
    const p = db.prisma;
    process.env.LIMIT_VOTES = '1/10m';
    try {
      const round = await makeRound(p, { votesPerPatron: 5 });
      const [a, b] = await makeTopics(p, round.id, 2);
      as(await makePatron(p));
      expect((await post({ topicId: a!.id, locale: 'uk' })).status).toBe(200);
      const over = await post({ topicId: b!.id, locale: 'uk' });
      expect(over.status).toBe(429);
      expect(await over.json()).toEqual({
        code: 'RATE_LIMITED',
        error: 'Ви надто часто змінювали свої голоси за короткий час. Зачекайте 10 хвилин і спробуйте знову.',
      });
    } finally {
      delete process.env.LIMIT_VOTES;
    }
  });
});
