/** POST /api/cta: counts views and /support visits per day, source and placement; honours DNT and GPC; 400 on bad input. */
import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { POST } from './route';

const db = setupTestDb();

const beacon = (body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request('http://localhost/api/cta', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    }),
  );

const rows = () =>
  db.prisma.ctaDaily.findMany({
    orderBy: [{ source: 'asc' }, { placement: 'asc' }],
    select: { source: true, placement: true, views: true, supportVisits: true },
  });

describe('POST /api/cta', () => {
  it('counts views and support visits per source and placement, sets no cookie', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await beacon({ kind: 'view', source: 'council-votes', placement: 'inline' });
      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(
      (await beacon({ kind: 'support', source: 'council-votes', placement: 'inline' }, { 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(204);
    expect((await beacon({ kind: 'support', source: '', placement: '' })).status).toBe(204);
    expect(await rows()).toEqual([
      { source: '', placement: '', views: 0, supportVisits: 1 },
      { source: 'council-votes', placement: 'inline', views: 3, supportVisits: 1 },
    ]);
    const [row] = await db.prisma.ctaDaily.findMany({ where: { source: 'council-votes' } });
    expect(row!.day.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
  });

  it('ignores Do Not Track and Global Privacy Control (204, not counted) and refuses cross-site requests (403)', async () => {
    const before = await rows();
    expect((await beacon({ kind: 'view', source: 'council-votes', placement: 'inline' }, { dnt: '1' })).status).toBe(204);
    expect((await beacon({ kind: 'view', source: 'council-votes', placement: 'inline' }, { 'sec-gpc': '1' })).status).toBe(204);
    expect(
      (
        await beacon(
          { kind: 'view', source: 'council-votes', placement: 'inline' },
          { 'sec-fetch-site': 'cross-site', origin: 'https://elsewhere.example' },
        )
      ).status,
    ).toBe(403);
    expect(await rows()).toEqual(before);
  });

  it("accepts navigator.sendBeacon's text/plain body; refuses other types (415) and bodies over 2 KB (413)", async () => {
    const send = (body: string, type: string) =>
      POST(new Request('http://localhost/api/cta', { method: 'POST', body, headers: { 'content-type': type } }));
    expect((await send(JSON.stringify({ kind: 'view', source: 'beacon', placement: 'inline' }), 'text/plain;charset=UTF-8')).status).toBe(
      204,
    );
    expect(
      (await send(JSON.stringify({ kind: 'view', source: 'beacon', placement: 'inline' }), 'application/x-www-form-urlencoded')).status,
    ).toBe(415);
    const big = await send(
      JSON.stringify({ kind: 'view', source: 'beacon', placement: 'inline', pad: 'x'.repeat(3000) }),
      'application/json',
    );
    expect(big.status).toBe(413);
    expect((await big.json()).error).toMatch(/larger than/);
    expect((await rows()).find((r) => r.source === 'beacon')?.views).toBe(1);
  });

  it('429 with Retry-After past the per-IP limit, counting nothing more; another IP still counts', async () => {
    process.env.LIMIT_CTA_IP = '2/1m';
    try {
      const from = (ip: string) => beacon({ kind: 'view', source: 'limited', placement: 'inline' }, { 'x-forwarded-for': ip });
      expect((await from('198.51.100.1')).status).toBe(204);
      expect((await from('198.51.100.1')).status).toBe(204);
      const over = await from('198.51.100.1');
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await over.json()).error).toMatch(/Too many requests from your network\. Please wait (\d+ seconds?|1 minute)\./);
      expect((await rows()).find((r) => r.source === 'limited')?.views).toBe(2);
      expect((await from('198.51.100.2')).status).toBe(204);
      expect((await rows()).find((r) => r.source === 'limited')?.views).toBe(3);
    } finally {
      delete process.env.LIMIT_CTA_IP;
    }
  });

  it('rejects bad input with 400 and a message, counting nothing', async () => {
    const before = await rows();
    for (const bad of [
      'not json',
      { kind: 'click', source: 'a', placement: 'inline' },
      { kind: 'view', source: 'Bad Slug!', placement: 'inline' },
      { kind: 'view', source: 'a', placement: 'sidebar' },
      { kind: 'view' },
      [1, 2],
    ]) {
      const res = await beacon(bad);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string };
      expect(body.error.length).toBeGreaterThan(5);
    }
    expect(await rows()).toEqual(before);
  });
});
