import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { DomainError } from '@/lib/errors/domain-error';
import { sentence } from '@/lib/i18n/sentence';
import { coded } from '@/lib/i18n/said';
import { VotingError } from '@/lib/voting/rules';
import { apiRoute } from './api-route';
import { cookieLocale, requestLocale } from './request-locale';

// The refusals of signed-in readers without a language cookie read their account's language.
const db = setupTestDb();
afterEach(() => {
  setSessionLookupForTesting(undefined);
});
const signIn = (role: string | null) =>
  setSessionLookupForTesting(async () => (role ? { user: { id: 'u1', email: 'u1@x.test', role } } : null));
const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('http://x/api/thing', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const schema = z.object({ n: z.number({ error: 'n must be a number' }) });

describe('apiRoute', () => {
  const route = apiRoute({ role: 'EDITOR', body: schema, maxBytes: 64 }, ({ user, body }) =>
    Response.json({ user: user.id, doubled: body.n * 2 }),
  );

  it('checks the role before the body, then validates the body, then answers no-store', async () => {
    signIn(null);
    expect((await route(post({ n: 1 }))).status).toBe(401);
    signIn('READER');
    expect((await route(post({ n: 1 }))).status).toBe(403);
    signIn('EDITOR');
    const bad = await route(post({ n: 'one' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'n must be a number', code: 'INVALID' });
    const ok = await route(post({ n: 21 }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('private, no-store');
    expect(await ok.json()).toEqual({ user: 'u1', doubled: 42 });
  });

  it('refuses other sites, other media types and oversized bodies before running anything', async () => {
    signIn('ADMIN');
    expect((await route(post({ n: 1 }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }))).status).toBe(403);
    expect((await route(post({ n: 1 }, { 'content-type': 'text/plain' }))).status).toBe(415);
    const big = await route(post({ n: 1, pad: 'x'.repeat(100) }));
    expect(big.status).toBe(413);
    expect((await big.json()).code).toBe('TOO_LARGE');
  });

  it('turns a DomainError into its status, code and field errors, and anything else into a 500 sentence', async () => {
    signIn('READER');
    const failing = (err: unknown) =>
      apiRoute({ role: 'READER' }, () => {
        throw err;
      })(new Request('http://x/api/thing'));
    const refused = await failing(new VotingError('BUDGET', 'You have used all your votes.'));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: 'You have used all your votes.', code: 'BUDGET' });
    const withFields = await failing(
      new DomainError({ code: 'INVALID', status: 400, message: 'Fix the title.', fieldErrors: { title: 'Fix the title.' } }),
    );
    expect(await withFields.json()).toEqual({ error: 'Fix the title.', code: 'INVALID', fieldErrors: { title: 'Fix the title.' } });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const crash = await failing(new Error('connection reset by peer'));
    expect(crash.status).toBe(500);
    const text = await crash.text();
    expect(text).toContain('Something went wrong on our side');
    expect(text).not.toContain('connection reset');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it('lets anyone call an open route, with no user', async () => {
    signIn(null);
    const open = apiRoute({ role: 'anyone' }, ({ user }) => Response.json({ user }));
    expect(await (await open(new Request('http://x/api/open'))).json()).toEqual({ user: null });
  });

  it('speaks the request’s language (the NEXT_LOCALE cookie) in every refusal it makes', async () => {
    const uk = { cookie: 'other=1; NEXT_LOCALE=uk' };
    signIn(null);
    expect(await (await route(post({ n: 1 }, uk))).json()).toEqual({ error: 'Увійдіть, щоб це зробити.' });
    signIn('READER');
    const role = await route(post({ n: 1 }, uk));
    expect(role.status).toBe(403);
    expect(await role.json()).toEqual({ error: 'Для цього потрібна роль EDITOR.' });
    signIn('EDITOR');
    expect(await (await route(post('{nope', uk))).json()).toEqual({ error: 'Тіло запиту не є коректним JSON.', code: 'INVALID' });
    const tooBig = await route(post({ n: 1, pad: 'x'.repeat(100) }, uk));
    expect(await tooBig.json()).toEqual({ error: 'Тіло запиту більше за 64 байти.', code: 'TOO_LARGE' });
    const wrongType = await route(post({ n: 1 }, { ...uk, 'content-type': 'text/plain' }));
    expect(await wrongType.json()).toEqual({ error: 'Надішліть запит як application/json (Content-Type).', code: 'INVALID' });
    const cross = await route(post({ n: 1 }, { ...uk, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }));
    expect((await cross.json()).error).toMatch(/^Цей запит надійшов з іншого сайту/);

    // A body's validation message written as a catalogue sentence is said in Ukrainian; plain ones as written.
    const said = apiRoute({ role: 'READER', body: z.object({ follow: z.boolean({ error: coded(sentence('voting.api.follow')) }) }) }, () =>
      Response.json({ ok: true }),
    );
    expect(await (await said(post({ follow: 'yes' }, uk))).json()).toEqual({ error: 'follow має бути true або false', code: 'INVALID' });
    expect(await (await said(post({ follow: 'yes' }))).json()).toEqual({ error: 'follow must be true or false', code: 'INVALID' });
    expect(await (await route(post({ n: 'one' }, uk))).json()).toEqual({ error: 'n must be a number', code: 'INVALID' });

    // A DomainError with a catalogue sentence and field sentences, and the 500 sentence.
    const failing = (err: unknown) =>
      apiRoute({ role: 'READER' }, () => {
        throw err;
      })(new Request('http://x/api/thing', { headers: uk }));
    const refused = await failing(
      new DomainError({
        code: 'INVALID',
        status: 400,
        sentence: sentence('voting.errors.unknownTopic'),
        fieldSentences: { topicId: sentence('voting.api.topicId') },
      }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: 'Ми не знайшли цієї теми.',
      code: 'INVALID',
      fieldErrors: { topicId: 'Потрібен topicId' },
    });
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect((await (await failing(new Error('boom'))).json()).error).toBe('Щось пішло не так на нашому боці. Спробуйте ще раз.');
    log.mockRestore();
  });

  it('knows a request’s language: the cookie, else the signed-in reader’s account, else English', async () => {
    expect(cookieLocale(new Headers({ cookie: 'a=b; NEXT_LOCALE=uk' }))).toBe('uk');
    expect(cookieLocale(new Headers({ cookie: 'NEXT_LOCALE=ru' }))).toBeNull();
    expect(cookieLocale(new Headers())).toBeNull();
    expect(await requestLocale(new Request('http://x/', { headers: { cookie: 'NEXT_LOCALE=uk' } }), null)).toBe('uk');
    expect(await requestLocale(new Request('http://x/'), null)).toBe('en');
    signIn(null);
    expect(await requestLocale(new Request('http://x/'))).toBe('en');
    // No cookie: the signed-in reader's account; the cookie (this browser's latest choice) wins over it.
    const reader = await db.prisma.user.create({ data: { email: 'uk-reader@api.test', locale: 'uk' } });
    setSessionLookupForTesting(async () => ({ user: { id: reader.id, email: reader.email, role: 'READER' } }));
    expect(await requestLocale(new Request('http://x/'))).toBe('uk');
    expect(await requestLocale(new Request('http://x/', { headers: { cookie: 'NEXT_LOCALE=en' } }))).toBe('en');
    const failing = apiRoute({ role: 'EDITOR' }, () => Response.json({}));
    expect(await (await failing(new Request('http://x/api/thing'))).json()).toEqual({ error: 'Для цього потрібна роль EDITOR.' });
    // A session that carries the account's language (lib/auth/options.ts) is believed as it is: no query.
    setSessionLookupForTesting(async () => ({ user: { id: 'no-such-row', email: 'x@api.test', role: 'READER', locale: 'uk' } }));
    expect(await requestLocale(new Request('http://x/'))).toBe('uk');
    // A change on the account shows at once (nothing is remembered per process).
    setSessionLookupForTesting(async () => ({ user: { id: reader.id, email: reader.email, role: 'READER' } }));
    await db.prisma.user.update({ where: { id: reader.id }, data: { locale: 'en' } });
    expect(await requestLocale(new Request('http://x/'))).toBe('en');
  });
});
