import { afterAll, describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { makeRound, makeTopics, makeUser } from '@/lib/voting/testing';
import { topicFollowers } from '@/lib/voting/follows';
import { GET, POST } from './route';

const db = setupTestDb();
afterAll(() => setSessionLookupForTesting(undefined));

const as = (u: { id: string; email: string } | null) =>
  setSessionLookupForTesting(async () => (u ? { user: { id: u.id, email: u.email, role: 'READER' } } : null));
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (id: string, body: unknown, cookie?: string) =>
  POST(
    new Request(`http://x/api/topics/${id}/follow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    }),
    ctx(id),
  );

describe('/api/topics/<id>/follow', () => {
  it('anonymous readers are told to sign in; signed-in readers follow and unfollow commissioned topics only', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [open, commissioned] = await makeTopics(p, round.id, 2);
    await p.topic.update({ where: { id: commissioned!.id }, data: { status: 'COMMISSIONED', stage: 'COMMISSIONED' } });
    as(null);
    expect(await (await GET(new Request('http://x'), ctx(commissioned!.id))).json()).toMatchObject({ signedIn: false, following: false });
    expect((await post(commissioned!.id, { follow: true })).status).toBe(401);

    const reader = await makeUser(p);
    as(reader);
    expect((await post(commissioned!.id, { follow: 'yes' })).status).toBe(400);
    expect((await post(open!.id, { follow: true })).status).toBe(404);
    expect((await GET(new Request('http://x'), ctx(open!.id))).status).toBe(404);
    const followed = await post(commissioned!.id, { follow: true });
    expect(await followed.json()).toMatchObject({ signedIn: true, following: true, voted: false });
    expect((await topicFollowers(commissioned!.id)).map((f) => f.id)).toEqual([reader.id]);
    await post(commissioned!.id, { follow: false });
    expect(await (await GET(new Request('http://x'), ctx(commissioned!.id))).json()).toMatchObject({ signedIn: true, following: false });
    expect(await topicFollowers(commissioned!.id)).toEqual([]);
  });

  it('says its refusals in the request’s language (the NEXT_LOCALE cookie), English without one', async () => {
    const p = db.prisma;
    const round = await makeRound(p);
    const [open, commissioned] = await makeTopics(p, round.id, 2);
    await p.topic.update({ where: { id: commissioned!.id }, data: { status: 'COMMISSIONED', stage: 'COMMISSIONED' } });
    const uk = 'NEXT_LOCALE=uk';
    as(null);
    expect(await (await post(commissioned!.id, { follow: true }, uk)).json()).toEqual({ error: 'Увійдіть, щоб це зробити.' });
    as(await makeUser(p));
    expect(await (await post(commissioned!.id, { follow: 'yes' }, uk)).json()).toEqual({
      error: 'follow має бути true або false',
      code: 'INVALID',
    });
    expect(await (await post(commissioned!.id, { follow: 'yes' })).json()).toEqual({
      error: 'follow must be true or false',
      code: 'INVALID',
    });
    // An open topic has no progress page: the domain's refusal, in Ukrainian.
    const unknown = await post(open!.id, { follow: true }, uk);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'Ми не знайшли цієї теми.', code: 'UNKNOWN_TOPIC' });
    expect((await (await post(open!.id, { follow: true })).json()).error).toBe('We could not find that topic.');
    const get = await GET(new Request('http://x', { headers: { cookie: uk } }), ctx(open!.id));
    expect(await get.json()).toEqual({ error: 'Ми не знайшли цієї теми.', code: 'UNKNOWN_TOPIC' });
  });
});
