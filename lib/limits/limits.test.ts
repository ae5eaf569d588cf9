/** Limits in the database (rate-limiter-flexible on our SQL path), their settings, client IPs and the purge. */
import { afterEach, describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { clientIp, forwardedForWithPeer } from './client-ip';
import { consumeLimit, limitMessageIn, tooManyRequests } from './limiter';
import { limitMessage, waitInWords } from './messages';
import { purgeExpired } from './purge';
import { tooManySearchesPage } from './search-page';
import { limitRule, parseLimitRule, LIMITS, type LimitName } from './settings';

const db = setupTestDb();
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('limit settings', () => {
  it('reads count/window, off, and refuses anything else naming the variable', () => {
    expect(parseLimitRule('5/1h', 'X')).toEqual({ points: 5, durationSeconds: 3600 });
    expect(parseLimitRule(' 120 / 30s ', 'X')).toEqual({ points: 120, durationSeconds: 30 });
    expect(parseLimitRule('off', 'X')).toBeNull();
    expect(() => parseLimitRule('lots', 'LIMIT_VOTES')).toThrow(/LIMIT_VOTES must look like 5\/1h/);
    expect(() => parseLimitRule('0/1m', 'LIMIT_VOTES')).toThrow(/LIMIT_VOTES/);
    expect(limitRule('signinEmail', {})).toEqual({ points: 5, durationSeconds: 3600 });
    expect(limitRule('search', { LIMIT_SEARCH_IP: '3/2m' })).toEqual({ points: 3, durationSeconds: 120 });
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(61)).toBe('2 minutes');
    expect(waitInWords(3 * 3600)).toBe('3 hours');
  });

  it('says how long to wait in the reader’s language, with Ukrainian plural forms', () => {
    expect(waitInWords(1, 'uk')).toBe('1 секунду');
    expect(waitInWords(3, 'uk')).toBe('3 секунди');
    expect(waitInWords(45, 'uk')).toBe('45 секунд');
    expect(waitInWords(61, 'uk')).toBe('2 хвилини');
    expect(waitInWords(21 * 60, 'uk')).toBe('21 хвилину');
    expect(waitInWords(5 * 3600, 'uk')).toBe('5 годин');
    // Every limit has its sentence in both languages, and the wait is in it.
    for (const name of Object.keys(LIMITS) as LimitName[]) {
      expect(limitMessage(name, 600)).toContain('10 minutes');
      expect(limitMessage(name, 600, 'uk')).toContain('10 хвилин');
      expect(limitMessage(name, 600, 'uk')).not.toMatch(/[a-z]{4}/);
    }
    expect(tooManySearchesPage('uk', 30)).toContain('Зачекайте 30 секунд');
    expect(tooManySearchesPage('en', 30)).toContain('Please wait 30 seconds');
  });
});

describe('client IP', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('is the last X-Forwarded-For entry (the peer, as scripts/serve.ts appends it) unless proxies are trusted; addresses left of the trusted hops are never believed', () => {
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.9' }), 0)).toBe('203.0.113.9');
    // One trusted proxy appended the address it saw; anything left of it is the client's own text.
    expect(clientIp(h({ 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.1' }), 1)).toBe('198.51.100.7');
    // Two: a load balancer appended the client, then nginx appended the load balancer.
    expect(clientIp(h({ 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.2, 10.0.0.1' }), 2)).toBe('198.51.100.7');
    // More hops configured than present: the leftmost address we have.
    expect(clientIp(h({ 'x-forwarded-for': '198.51.100.7, 10.0.0.2' }), 5)).toBe('198.51.100.7');
    expect(clientIp(h({ 'x-forwarded-for': '198.51.100.7, 10.0.0.2' }), 0)).toBe('10.0.0.2');
    expect(clientIp(h({ 'x-forwarded-for': '::ffff:192.0.2.1' }), 0)).toBe('192.0.2.1');
    expect(clientIp(h({ 'x-forwarded-for': '2001:db8:0:1::42' }), 0)).toBe('2001:db8:0:1::/64');
    expect(clientIp(h({ 'x-forwarded-for': '2001:db8:0:1:ffff::9' }), 0)).toBe('2001:db8:0:1::/64');
    expect(clientIp(h({}), 0)).toBe('unknown');
  });

  it('is the TCP peer with no proxy, whatever X-Forwarded-For the client wrote (the server appends the peer)', () => {
    expect(forwardedForWithPeer(undefined, '203.0.113.5')).toBe('203.0.113.5');
    const spoofed = forwardedForWithPeer('6.6.6.6', '203.0.113.5');
    expect(spoofed).toBe('6.6.6.6, 203.0.113.5');
    expect(clientIp(new Headers({ 'x-forwarded-for': spoofed }), 0)).toBe('203.0.113.5');
    // Behind one nginx: it appended the client; the server appended nginx.
    expect(clientIp(new Headers({ 'x-forwarded-for': forwardedForWithPeer(['6.6.6.6, 198.51.100.7'], '10.0.0.1') }), 1)).toBe(
      '198.51.100.7',
    );
  });
});

describe('consumeLimit', () => {
  it('allows up to the limit, then refuses with how long to wait, counting per subject, shared through the database', async () => {
    process.env.LIMIT_VOTES = '3/10m';
    for (let i = 0; i < 3; i++) expect(await consumeLimit('votes', 'user-a')).toEqual({ ok: true });
    const over = await consumeLimit('votes', 'user-a');
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.retryAfterSeconds).toBeGreaterThan(590);
    expect(over.retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(over.message).toBe('You have changed your votes many times in a short time. Please wait 10 minutes and try again.');
    expect(await consumeLimit('votes', 'user-b')).toEqual({ ok: true });
    // Another limit's counter for the same subject is separate.
    expect(await consumeLimit('suggestions', 'user-a')).toEqual({ ok: true });
    // The counters are rows: no subject in clear.
    const rows = await db.prisma.rateLimit.findMany();
    expect(rows.map((r) => r.key.split(':')[0]).sort()).toEqual(['suggestions', 'votes', 'votes']);
    expect(rows.find((r) => r.points === 4)).toBeTruthy();
    expect(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('user-a');

    const res = tooManyRequests(over);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(over.retryAfterSeconds));
    expect((await res.json()).error).toBe(over.message);
    // The same refusal told to a reader of the Ukrainian site.
    const uk = tooManyRequests(over, 'uk');
    expect((await uk.json()).error).toBe('Ви надто часто змінювали свої голоси за короткий час. Зачекайте 10 хвилин і спробуйте знову.');
    expect(limitMessageIn(over, 'uk')).toBe(limitMessage('votes', over.retryAfterSeconds, 'uk'));
  });

  it('is case-insensitive for the subject and can be switched off', async () => {
    process.env.LIMIT_SIGNIN_EMAIL = '1/1h';
    expect((await consumeLimit('signinEmail', 'Ann@Example.test')).ok).toBe(true);
    expect((await consumeLimit('signinEmail', 'ann@example.test ')).ok).toBe(false);
    process.env.LIMIT_SIGNIN_EMAIL = 'off';
    expect((await consumeLimit('signinEmail', 'ann@example.test')).ok).toBe(true);
  });

  it('starts a new window when the old one has passed', async () => {
    process.env.LIMIT_CHECKOUT = '1/1s';
    expect((await consumeLimit('checkout', 'u1')).ok).toBe(true);
    expect((await consumeLimit('checkout', 'u1')).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await consumeLimit('checkout', 'u1')).ok).toBe(true);
  });
});

describe('purgeExpired', () => {
  it('deletes expired sign-in tokens and counters, keeps live ones, and is harmless to run twice at once', async () => {
    const now = new Date();
    await db.prisma.verificationToken.createMany({
      data: [
        { identifier: 'old@purge.test', token: 'old-token', expires: new Date(now.getTime() - 60_000) },
        { identifier: 'new@purge.test', token: 'new-token', expires: new Date(now.getTime() + 60_000) },
      ],
    });
    await db.prisma.rateLimit.createMany({
      data: [
        { key: 'purge:old', points: 1, expire: BigInt(now.getTime() - 3_600_000) },
        { key: 'purge:live', points: 1, expire: BigInt(now.getTime() + 3_600_000) },
      ],
    });
    const [a, b] = await Promise.all([purgeExpired(now), purgeExpired(now)]);
    expect(a.verificationTokens + b.verificationTokens).toBe(1);
    expect(a.limitCounters + b.limitCounters).toBeGreaterThanOrEqual(1);
    expect((await db.prisma.verificationToken.findMany()).map((t) => t.token)).toEqual(['new-token']);
    expect(await db.prisma.rateLimit.findUnique({ where: { key: 'purge:old' } })).toBeNull();
    expect(await db.prisma.rateLimit.findUnique({ where: { key: 'purge:live' } })).not.toBeNull();
  });
});
