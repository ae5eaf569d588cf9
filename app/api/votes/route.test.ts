import { afterAll, describe, expect, it } from 'vitest';
import { useTestDb } from '@/lib/db/testing-vitest';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { makePatron, makeRound, makeTopics, makeUser } from '@/lib/voting/testing';
import { POST } from './route';

const db = useTestDb();
afterAll(() => setSessionLookupForTesting(undefined));

const as = (u: { id: string; email: string } | null) => setSessionLookupForTesting(async () => (u ? { user: { id: u.id, email: u.email, role: 'READER' } } : null));
const post = (body: unknown, type = 'application/json') =>
  POST(new Request('http://x/api/votes', { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) }));

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
});
