import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { DomainError } from '@/lib/errors/domain-error';
import { VotingError } from '@/lib/voting/rules';
import { apiRoute } from './api-route';

afterEach(() => setSessionLookupForTesting(undefined));
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
});
