import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import path from 'node:path';
import { useTestDb } from '@/lib/db/testing-vitest';
import { adminEmails, hasRole, isBootstrapAdmin, ROLES } from './roles';
import { authorizeRequest, setSessionLookupForTesting } from './session';
import { authOptions } from './options';
import { confirmUrlFromCallbackUrl, safeCallbackUrl } from './magic-link';
import { grantEditor, listTeam, revokeEditor } from './team';

// next-auth/core is not in the package's exports map: load the file directly.
const { AuthHandler } = createRequire(import.meta.url)(path.resolve('node_modules/next-auth/core/index.js')) as { AuthHandler: (params: { req: Record<string, unknown>; options: unknown }) => Promise<{ status?: number; body?: unknown; redirect?: string; cookies?: { name: string; value: string }[] }> };

const db = useTestDb();
afterEach(() => {
  vi.unstubAllEnvs();
  setSessionLookupForTesting(undefined);
});

describe('roles', () => {
  it('orders READER < EDITOR < ADMIN', () => {
    expect(ROLES).toEqual(['READER', 'EDITOR', 'ADMIN']);
    expect(hasRole('ADMIN', 'EDITOR')).toBe(true);
    expect(hasRole('EDITOR', 'EDITOR')).toBe(true);
    expect(hasRole('READER', 'EDITOR')).toBe(false);
    expect(hasRole('EDITOR', 'ADMIN')).toBe(false);
    expect(hasRole(undefined, 'READER')).toBe(false);
    expect(hasRole('SUPERUSER', 'READER')).toBe(false);
  });

  it('reads ADMIN_EMAILS case-insensitively', () => {
    const env = { ADMIN_EMAILS: ' Boss@Example.com, ,second@example.com ' };
    expect([...adminEmails(env)]).toEqual(['boss@example.com', 'second@example.com']);
    expect(isBootstrapAdmin('BOSS@example.COM', env)).toBe(true);
    expect(isBootstrapAdmin('other@example.com', env)).toBe(false);
    expect(isBootstrapAdmin(null, env)).toBe(false);
  });
});

describe('authorizeRequest', () => {
  it('answers 401 when signed out and 403 when the role is too low', async () => {
    setSessionLookupForTesting(async () => null);
    const anon = await authorizeRequest('EDITOR');
    expect(anon.ok).toBe(false);
    if (!anon.ok) {
      expect(anon.response.status).toBe(401);
      expect(anon.response.headers.get('cache-control')).toContain('no-store');
      expect(await anon.response.json()).toEqual({ error: expect.any(String) });
    }
    setSessionLookupForTesting(async () => ({ user: { id: 'u1', email: 'r@example.com', role: 'READER' } }));
    const reader = await authorizeRequest('EDITOR');
    expect(!reader.ok && reader.response.status).toBe(403);
    setSessionLookupForTesting(async () => ({ user: { id: 'u2', email: 'e@example.com', role: 'EDITOR' } }));
    const editor = await authorizeRequest('EDITOR');
    expect(editor.ok && editor.user.email).toBe('e@example.com');
    expect((await authorizeRequest('ADMIN')).ok).toBe(false);
  });
});

describe('ADMIN_EMAILS bootstrap', () => {
  it('promotes a listed address on creation and on sign-in, and leaves others alone', async () => {
    vi.stubEnv('ADMIN_EMAILS', 'Chief@Example.com');
    const chief = await db.prisma.user.create({ data: { email: 'chief@example.com' } });
    const other = await db.prisma.user.create({ data: { email: 'other@example.com' } });
    await authOptions.events!.createUser!({ user: chief as never });
    await authOptions.events!.createUser!({ user: other as never });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: chief.id } })).role).toBe('ADMIN');
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).role).toBe('READER');

    // An existing user added to the list later becomes ADMIN at their next sign-in.
    vi.stubEnv('ADMIN_EMAILS', 'chief@example.com, OTHER@example.com');
    await authOptions.events!.signIn!({ user: other as never, account: null });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).role).toBe('ADMIN');
  });
});

describe('team', () => {
  it('grants and revokes EDITOR with clear messages', async () => {
    expect(await grantEditor({ email: 'nope' })).toEqual({ ok: false, errors: { email: expect.stringMatching(/valid email/) } });
    const g = await grantEditor({ email: ' New.Editor@Example.com ' });
    expect(g.ok).toBe(true);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: 'new.editor@example.com' } })).role).toBe('EDITOR');
    expect(await grantEditor({ email: 'new.editor@example.com' })).toMatchObject({ ok: false, errors: { email: expect.stringMatching(/already an editor/) } });
    expect((await listTeam()).map((u) => u.email)).toContain('new.editor@example.com');
    expect((await revokeEditor({ email: 'new.editor@example.com' })).ok).toBe(true);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: 'new.editor@example.com' } })).role).toBe('READER');
    await db.prisma.user.create({ data: { email: 'admin2@example.com', role: 'ADMIN' } });
    expect(await revokeEditor({ email: 'admin2@example.com' })).toMatchObject({ ok: false, errors: { email: expect.stringMatching(/admin/) } });
  });
});

describe('magic-link URLs', () => {
  it('rewrites the next-auth callback to the confirm page', () => {
    const u = confirmUrlFromCallbackUrl(
      'http://localhost:3102/api/auth/callback/email?callbackUrl=http%3A%2F%2Flocalhost%3A3102%2Fdesk&token=abc123&email=a%40b.co',
      'http://localhost:3102',
    );
    expect(u).toBe('http://localhost:3102/signin/confirm?token=abc123&email=a%40b.co&callbackUrl=%2Fdesk');
  });
  it('keeps callbacks on this site', () => {
    expect(safeCallbackUrl('https://evil.example/x', 'http://localhost:3102')).toBe('/');
    expect(safeCallbackUrl('//evil.example/x', 'http://localhost:3102')).toBe('/');
    expect(safeCallbackUrl('javascript:alert(1)', 'http://localhost:3102')).toBe('/');
    expect(safeCallbackUrl('/desk?status=DRAFT', 'http://localhost:3102')).toBe('/desk?status=DRAFT');
  });
});

// The whole magic-link flow through next-auth's core, against the test database.
describe('magic-link sign-in (next-auth core)', () => {
  type Res = Awaited<ReturnType<typeof AuthHandler>>;
  const origin = 'http://localhost:3102';
  const jar = new Map<string, string>();
  const keep = (res: Res) => res.cookies?.forEach((c) => jar.set(c.name, c.value));
  const call = async (action: string, opts: { method?: string; providerId?: string; body?: Record<string, string>; query?: Record<string, string> } = {}) => {
    const res = await AuthHandler({
      req: {
        method: opts.method ?? 'GET',
        action,
        providerId: opts.providerId,
        body: opts.body,
        query: opts.query ?? {},
        cookies: Object.fromEntries(jar),
        headers: { host: 'localhost:3102' },
        error: opts.query?.error,
      },
      options: authOptions,
    });
    keep(res);
    return res;
  };

  it('survives a scanner, signs in once, and refuses the link afterwards', async () => {
    vi.stubEnv('NEXTAUTH_URL', origin);
    vi.stubEnv('EMAIL_SERVER', '');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const csrf = (await call('csrf')).body as { csrfToken: string };
    const signin = await call('signin', { method: 'POST', providerId: 'email', body: { csrfToken: csrf.csrfToken, email: 'Flow@Example.com', callbackUrl: `${origin}/desk` } });
    expect(signin.redirect).toContain('/verify-request'); // which redirects to pages.verifyRequest (/signin/check-email)

    const mail = await db.prisma.email.findFirstOrThrow({ where: { to: 'flow@example.com', kind: 'magic-link' }, orderBy: { createdAt: 'desc' } });
    const link = /https?:\/\/\S+\/signin\/confirm\?\S+/.exec(mail.text)![0];
    expect(link).not.toContain('/api/auth/callback');
    const params = new URL(link).searchParams;
    expect(params.get('callbackUrl')).toBe('/desk');
    // A scanner fetching the confirm page consumes nothing: the token is still there.
    expect(await db.prisma.verificationToken.count({ where: { identifier: 'flow@example.com' } })).toBe(1);

    const query = { token: params.get('token')!, email: params.get('email')!, callbackUrl: params.get('callbackUrl')! };
    jar.clear();
    const cb = await call('callback', { providerId: 'email', query });
    expect(cb.redirect).toBe(`${origin}/desk`);
    expect(jar.get('next-auth.session-token')).toBeTruthy();
    const session = (await call('session')).body as { user: { email: string; role: string } };
    expect(session.user).toMatchObject({ email: 'flow@example.com', role: 'READER' });

    jar.clear();
    const again = await call('callback', { providerId: 'email', query });
    expect(again.redirect).toContain('error=Verification');
  });
});
