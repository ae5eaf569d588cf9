import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { makeUser } from '@/lib/voting/testing';
import { topicEmailStopToken } from '@/lib/voting/follows';
import { GET, POST } from './route';

const db = setupTestDb();
const form = (url: string, body: string, headers: Record<string, string> = {}) =>
  POST(
    new Request(`http://localhost:3000${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    }),
  );
const stoppedAt = async (id: string) => (await db.prisma.user.findUniqueOrThrow({ where: { id } })).topicEmailsStoppedAt;

describe('POST /api/topic-emails/stop', () => {
  it('our page’s button: stops topic emails without a session and shows the confirmation', async () => {
    const u = await makeUser(db.prisma);
    const res = await form('/api/topic-emails/stop', `token=${topicEmailStopToken(u.id)}`, { 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/topic-emails/stop?stopped=1');
    expect(await stoppedAt(u.id)).not.toBeNull();
  });

  it('a mail client’s RFC 8058 one-click post (token in the address) stops them too', async () => {
    const u = await makeUser(db.prisma);
    const res = await form(`/api/topic-emails/stop?token=${topicEmailStopToken(u.id)}`, 'List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, stopped: true });
    expect(await stoppedAt(u.id)).not.toBeNull();
  });

  it('opening the List-Unsubscribe address (GET) only leads to the page with the button', async () => {
    const u = await makeUser(db.prisma);
    const token = topicEmailStopToken(u.id);
    const res = GET(new Request(`http://localhost:3000/api/topic-emails/stop?token=${token}`));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/topic-emails/stop?token=${token}`);
    expect(await stoppedAt(u.id)).toBeNull();
  });

  it('refuses a forged token or another site’s form, and changes nothing', async () => {
    const u = await makeUser(db.prisma);
    const forged = `${Buffer.from(u.id).toString('base64url')}.${'A'.repeat(43)}`;
    const bad = await form('/api/topic-emails/stop', `token=${forged}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('This stop link is not valid');
    // From the Ukrainian stop page (its form names its language), the refusal is in Ukrainian.
    const badUk = await form('/api/topic-emails/stop?locale=uk', `token=${forged}`);
    expect(badUk.status).toBe(400);
    expect(await badUk.text()).toContain('Це посилання для вимкнення недійсне');
    const cross = await form('/api/topic-emails/stop', `token=${topicEmailStopToken(u.id)}`, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(await stoppedAt(u.id)).toBeNull();
  });
});
