/**
 * The newsletter routes readers' mail providers and browsers call: RFC 8058 one-click unsubscribe (a
 * POST without cookies), the sign-up's uniform answer and abuse limit, and the bounce webhook's shared
 * secret.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { newsletterToken } from '@/lib/newsletters/tokens';
import { confirmedSubscriber, makeNewsletter } from '@/lib/newsletters/testing';
import { POST as unsubscribe, GET as unsubscribeGet } from './unsubscribe/route';
import { POST as subscribe } from './subscribe/route';
import { POST as bounces } from './bounces/route';

const db = setupTestDb();
const U = (p: string) => `http://localhost:3000${p}`;

afterEach(() => vi.unstubAllEnvs());

describe('one-click unsubscribe', () => {
  it('a mail provider’s POST (no cookies, no Origin) with the token in the address unsubscribes; a forged token is refused', async () => {
    const n = await makeNewsletter(db.prisma);
    const s = await confirmedSubscriber(db.prisma, n.id, 'oneclick@example.com');
    const token = newsletterToken('manage', s.id);
    const res = await unsubscribe(
      new Request(U(`/api/newsletters/unsubscribe?token=${token}`), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, unsubscribed: true });
    expect((await db.prisma.newsletterSubscription.findUniqueOrThrow({ where: { id: s.id } })).status).toBe('UNSUBSCRIBED');
    const forged = await unsubscribe(
      new Request(U('/api/newsletters/unsubscribe?token=abc.def'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      }),
    );
    expect(forged.status).toBe(400);
  });

  it('opening the address (GET) changes nothing and leads to the preferences page', async () => {
    const n = await makeNewsletter(db.prisma);
    const s = await confirmedSubscriber(db.prisma, n.id, 'opened@example.com');
    const res = unsubscribeGet(new Request(U(`/api/newsletters/unsubscribe?token=${newsletterToken('manage', s.id)}`)));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/newsletters\/preferences\?token=/);
    expect((await db.prisma.newsletterSubscription.findUniqueOrThrow({ where: { id: s.id } })).status).toBe('CONFIRMED');
  });
});

describe('sign-up', () => {
  it('answers a new and a known address alike, and refuses over the per-address limit', async () => {
    vi.stubEnv('LIMIT_NEWSLETTER_EMAIL', '2/1h');
    const n = await makeNewsletter(db.prisma);
    await confirmedSubscriber(db.prisma, n.id, 'known@example.com');
    const post = (email: string) =>
      subscribe(
        new Request(U('/api/newsletters/subscribe'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, newsletter: n.slug, source: 'footer' }),
        }),
      );
    const a = await post('new@example.com');
    const b = await post('known@example.com');
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.json()).toEqual(await b.json());
    expect((await post('known@example.com')).status).toBe(200);
    const limited = await post('known@example.com');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await post('not-an-address')).status).toBe(400);
  });
});

describe('bounce webhook', () => {
  const call = (body: unknown, auth?: string) =>
    bounces(
      new Request(U('/api/newsletters/bounces'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify(body),
      }),
    );

  it('is off without a secret, refuses a wrong one, and suppresses after repeated hard bounces', async () => {
    expect((await call({ type: 'hard-bounce', email: 'b@example.com' })).status).toBe(404);
    vi.stubEnv('NEWSLETTER_WEBHOOK_SECRET', 'a-long-shared-secret-1234');
    expect((await call({ type: 'hard-bounce', email: 'b@example.com' })).status).toBe(401);
    expect((await call({ type: 'hard-bounce', email: 'b@example.com' }, 'Bearer wrong')).status).toBe(401);
    const auth = 'Bearer a-long-shared-secret-1234';
    expect((await call({ type: 'bounce', email: 'b@example.com' }, auth)).status).toBe(400);
    expect(await (await call({ type: 'hard-bounce', email: 'b@example.com' }, auth)).json()).toMatchObject({ events: 1, suppressed: 0 });
    expect(await (await call({ events: [{ type: 'hard-bounce', email: 'b@example.com' }] }, auth)).json()).toMatchObject({
      events: 1,
      suppressed: 1,
    });
    expect((await db.prisma.emailSuppression.findUniqueOrThrow({ where: { email: 'b@example.com' } })).suppressedAt).not.toBeNull();
  });
});
