/** POST /api/me/locale: the language switcher's call remembers a signed-in reader's language on their account. */
import { afterEach, describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { makeUser } from '@/lib/voting/testing';
import { userLocale } from '@/lib/auth/user-locale';
import { POST } from './route';

const db = setupTestDb();
afterEach(() => setSessionLookupForTesting(undefined));

const post = (body: unknown) =>
  POST(
    new Request('http://localhost:3000/api/me/locale', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

describe('POST /api/me/locale', () => {
  it('stores the chosen language on the signed-in reader (new accounts speak English)', async () => {
    const user = await makeUser(db.prisma);
    expect(await userLocale(user.id)).toBe('en');
    setSessionLookupForTesting(async () => ({ user: { id: user.id, email: user.email, name: null, role: 'READER' } }));
    expect((await post({ locale: 'uk' })).status).toBe(204);
    expect(await userLocale(user.id)).toBe('uk');
    expect((await post({ locale: 'en' })).status).toBe(204);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe('en');
  });

  it('refuses a language the site does not speak with a sentence, and changes nothing', async () => {
    const user = await makeUser(db.prisma);
    setSessionLookupForTesting(async () => ({ user: { id: user.id, email: user.email, name: null, role: 'READER' } }));
    const res = await post({ locale: 'ru' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('locale must be one of en, uk');
    expect(await userLocale(user.id)).toBe('en');
  });

  it('answers 401 when signed out', async () => {
    setSessionLookupForTesting(async () => null);
    expect((await post({ locale: 'uk' })).status).toBe(401);
  });
});
