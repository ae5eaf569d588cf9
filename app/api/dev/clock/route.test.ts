import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { testClockTime } from '@/lib/runtime/test-clock';
import { GET, POST } from './route';

const db = setupTestDb();
const DAY = 86_400_000;

beforeEach(() => {
  vi.stubEnv('EMAIL_SERVER', '');
  vi.stubEnv('SITE_URL', '');
  vi.stubEnv('NEXTAUTH_URL', '');
});
afterEach(() => vi.unstubAllEnvs());

const post = (body: unknown) =>
  POST(
    new Request('http://localhost:3000/api/dev/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
const get = () => GET(new Request('http://localhost:3000/api/dev/clock'));

describe('/api/dev/clock', () => {
  it('sets the clock, queues the gift job at once, and clears it (test mode, loopback site)', async () => {
    const at = new Date(Date.now() + 10 * DAY).toISOString();
    const res = await post({ at });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ clock: at, job: expect.any(String) });
    expect(await (await get()).json()).toMatchObject({ clock: at });
    const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'scheduled.gifts'`,
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    expect((await post({ at: null })).status).toBe(200);
    expect(await testClockTime()).toBeNull();
  });

  it('refuses a time in the past and a malformed one with a sentence (400)', async () => {
    const past = await post({ at: new Date(Date.now() - DAY).toISOString() });
    expect(past.status).toBe(400);
    expect((await past.json()).error).toMatch(/only goes forward/);
    const bad = await post({ at: 'next tuesday' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/ISO date-time/);
  });

  it('answers 404 in production (real mail) and on a public site, and changes nothing', async () => {
    const at = new Date(Date.now() + 10 * DAY).toISOString();
    vi.stubEnv('EMAIL_SERVER', 'smtp://mail.example:587');
    vi.stubEnv('STRIPE_SECRET_KEY', 'sk_live_x');
    vi.stubEnv('STRIPE_API_HOST', '');
    expect((await post({ at })).status).toBe(404);
    expect((await get()).status).toBe(404);
    vi.unstubAllEnvs();
    vi.stubEnv('EMAIL_SERVER', '');
    vi.stubEnv('SITE_URL', 'https://news.example.org');
    vi.stubEnv('ALLOW_PUBLIC_TEST_MODE', '1');
    const res = await post({ at });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(at);
    expect((await get()).status).toBe(404);
    vi.stubEnv('SITE_URL', '');
    expect(await testClockTime()).toBeNull();
  });
});
