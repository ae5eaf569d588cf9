/** POST /api/cta: counts views and /support visits per day, source and placement; honours DNT and GPC; 400 on bad input. */
import { describe, expect, it } from 'vitest';
import { useTestDb } from '@/lib/db/testing-vitest';
import { POST } from './route';

const db = useTestDb();

const beacon = (body: unknown, headers: Record<string, string> = {}) =>
  POST(new Request('http://localhost/api/cta', { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }));

const rows = () => db.prisma.ctaDaily.findMany({ orderBy: [{ source: 'asc' }, { placement: 'asc' }], select: { source: true, placement: true, views: true, supportVisits: true } });

describe('POST /api/cta', () => {
  it('counts views and support visits per source and placement, sets no cookie', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await beacon({ kind: 'view', source: 'council-votes', placement: 'inline' });
      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect((await beacon({ kind: 'support', source: 'council-votes', placement: 'inline' }, { 'sec-fetch-site': 'same-origin' })).status).toBe(204);
    expect((await beacon({ kind: 'support', source: '', placement: '' })).status).toBe(204);
    expect(await rows()).toEqual([
      { source: '', placement: '', views: 0, supportVisits: 1 },
      { source: 'council-votes', placement: 'inline', views: 3, supportVisits: 1 },
    ]);
    const [row] = await db.prisma.ctaDaily.findMany({ where: { source: 'council-votes' } });
    expect(row.day.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
  });

  it('ignores Do Not Track, Global Privacy Control and cross-site requests (204, not counted)', async () => {
    const before = await rows();
    expect((await beacon({ kind: 'view', source: 'council-votes', placement: 'inline' }, { dnt: '1' })).status).toBe(204);
    expect((await beacon({ kind: 'view', source: 'council-votes', placement: 'inline' }, { 'sec-gpc': '1' })).status).toBe(204);
    expect((await beacon({ kind: 'view', source: 'council-votes', placement: 'inline' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(204);
    expect(await rows()).toEqual(before);
  });

  it('rejects bad input with 400 and a message, counting nothing', async () => {
    const before = await rows();
    for (const bad of ['not json', { kind: 'click', source: 'a', placement: 'inline' }, { kind: 'view', source: 'Bad Slug!', placement: 'inline' }, { kind: 'view', source: 'a', placement: 'sidebar' }, { kind: 'view' }, [1, 2]]) {
      const res = await beacon(bad);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string };
      expect(body.error.length).toBeGreaterThan(5);
    }
    expect(await rows()).toEqual(before);
  });
});
