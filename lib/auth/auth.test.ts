import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { adminEmails, hasRole, isBootstrapAdmin, ROLES } from './roles';
import { authorizeRequest, setSessionLookupForTesting } from './session';
import nodemailer from 'nodemailer';
import { authOptions, buildAuthOptions } from './options';
import { confirmUrlFromCallbackUrl, safeCallbackUrl, signInLinkMinutes } from './magic-link';
import { demoteAdmin, grantEditor, listTeam, revokeEditor } from './team';
import { say } from '@/lib/i18n/sentence';
import { setTransportFactoryForTesting } from '@/lib/mail/transport';
import { drainJobs } from '@/lib/jobs/testing';

// next-auth/core is not in the package's exports map: load the file directly.
const { AuthHandler } = createRequire(import.meta.url)(path.resolve('node_modules/next-auth/core/index.js')) as {
  AuthHandler: (params: {
    req: Record<string, unknown>;
    options: unknown;
  }) => Promise<{ status?: number; body?: unknown; redirect?: string; cookies?: { name: string; value: string }[] }>;
};

const db = setupTestDb();
afterEach(() => {
  vi.unstubAllEnvs();
  setSessionLookupForTesting(undefined);
  setTransportFactoryForTesting(undefined);
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

describe('ADMIN_EMAILS removal', () => {
  it('takes effect at the next sign-in: back to the role the list promoted from; other admins stay', async () => {
    const p = db.prisma;
    vi.stubEnv('ADMIN_EMAILS', 'was-editor@example.com, was-reader@example.com');
    const editor = await p.user.create({ data: { email: 'was-editor@example.com', role: 'EDITOR' } });
    const reader = await p.user.create({ data: { email: 'was-reader@example.com' } });
    const manual = await p.user.create({ data: { email: 'manual-admin@example.com', role: 'ADMIN' } });
    await authOptions.events!.signIn!({ user: editor as never, account: null });
    await authOptions.events!.createUser!({ user: reader as never });
    const role = async (id: string) => (await p.user.findUniqueOrThrow({ where: { id } })).role;
    expect([await role(editor.id), await role(reader.id)]).toEqual(['ADMIN', 'ADMIN']);

    // Still listed: nothing changes at sign-in.
    await authOptions.events!.signIn!({ user: editor as never, account: null });
    expect(await role(editor.id)).toBe('ADMIN');

    vi.stubEnv('ADMIN_EMAILS', 'someone-else@example.com');
    // Until they sign in again they keep the role…
    expect(await role(editor.id)).toBe('ADMIN');
    // …and at their next sign-in they are what they'd otherwise be.
    for (const u of [editor, reader, manual]) await authOptions.events!.signIn!({ user: u as never, account: null });
    expect([await role(editor.id), await role(reader.id), await role(manual.id)]).toEqual(['EDITOR', 'READER', 'ADMIN']);
    expect((await p.user.findUniqueOrThrow({ where: { id: editor.id } })).listPromotedFrom).toBeNull();
  });
});

describe('demoting admins', () => {
  it('demotes an admin to editor, never the last one, never a listed address, with clear messages', async () => {
    const p = db.prisma;
    await p.user.updateMany({ where: { role: 'ADMIN' }, data: { role: 'READER' } });
    const a = await p.user.create({ data: { email: 'first-admin@example.com', role: 'ADMIN' } });
    await p.user.create({ data: { email: 'second-admin@example.com', role: 'ADMIN' } });
    vi.stubEnv('ADMIN_EMAILS', 'second-admin@example.com');

    expect(await demoteAdmin({ email: 'nope' })).toMatchObject({ ok: false, errors: { email: expect.stringMatching(/valid email/) } });
    expect(await demoteAdmin({ email: 'nobody@example.com' })).toMatchObject({
      ok: false,
      errors: { email: 'nobody@example.com is not an admin.' },
    });
    expect(await demoteAdmin({ email: 'Second-Admin@example.com' })).toMatchObject({
      ok: false,
      errors: { email: expect.stringMatching(/listed in ADMIN_EMAILS.*Remove the address from ADMIN_EMAILS/) },
    });
    expect(await revokeEditor({ email: 'first-admin@example.com' })).toMatchObject({
      ok: false,
      errors: { email: expect.stringMatching(/Demote admin/) },
    });

    const ok = await demoteAdmin({ email: 'first-admin@example.com' }, a.id);
    expect(ok).toMatchObject({
      ok: true,
      message: expect.stringMatching(/no longer an admin; they stay an editor\. You can no longer manage the team/),
    });
    expect((await p.user.findUniqueOrThrow({ where: { id: a.id } })).role).toBe('EDITOR');

    // The one admin left can't be demoted, even once the list no longer protects them.
    vi.stubEnv('ADMIN_EMAILS', '');
    expect(await demoteAdmin({ email: 'second-admin@example.com' })).toMatchObject({
      ok: false,
      errors: { email: expect.stringMatching(/only admin.*at least one/) },
    });
    expect((await p.user.findUniqueOrThrow({ where: { email: 'second-admin@example.com' } })).role).toBe('ADMIN');
  });

  it('two admins demoting each other at once leave one admin', async () => {
    const p = db.prisma;
    await p.user.updateMany({ where: { role: 'ADMIN' }, data: { role: 'READER' } });
    await p.user.createMany({
      data: [
        { email: 'x-admin@example.com', role: 'ADMIN' },
        { email: 'y-admin@example.com', role: 'ADMIN' },
      ],
    });
    const results = await Promise.all([demoteAdmin({ email: 'x-admin@example.com' }), demoteAdmin({ email: 'y-admin@example.com' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await p.user.count({ where: { role: 'ADMIN' } })).toBe(1);
  });
});

describe('sign-in link lifetime', () => {
  it('is 30 minutes by default, SIGNIN_LINK_MINUTES otherwise, and the email says so', () => {
    const email = (o: ReturnType<typeof buildAuthOptions>) => o.providers[0] as unknown as { options: { maxAge: number } };
    expect(signInLinkMinutes({})).toBe(30);
    expect(email(authOptions).options.maxAge).toBe(30 * 60);
    vi.stubEnv('SIGNIN_LINK_MINUTES', '45');
    expect(email(buildAuthOptions()).options.maxAge).toBe(45 * 60);
    expect(() => signInLinkMinutes({ SIGNIN_LINK_MINUTES: '0' })).toThrow(
      /SIGNIN_LINK_MINUTES must be a whole number of minutes from 1 to 1440/,
    );
    expect(() => signInLinkMinutes({ SIGNIN_LINK_MINUTES: 'soon' })).toThrow(/SIGNIN_LINK_MINUTES/);
  });
});

describe('team', () => {
  it('grants and revokes EDITOR with clear messages', async () => {
    expect(await grantEditor({ email: 'nope' })).toMatchObject({ ok: false, errors: { email: expect.stringMatching(/valid email/) } });
    const g = await grantEditor({ email: ' New.Editor@Example.com ' });
    expect(g.ok).toBe(true);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: 'new.editor@example.com' } })).role).toBe('EDITOR');
    const again = await grantEditor({ email: 'new.editor@example.com' });
    expect(again).toMatchObject({
      ok: false,
      errors: { email: expect.stringMatching(/already an editor/) },
    });
    // The desk says it in the admin's language.
    expect(say('uk', again.said)).toBe('new.editor@example.com уже редактор.');
    expect((await listTeam()).map((u) => u.email)).toContain('new.editor@example.com');
    expect((await revokeEditor({ email: 'new.editor@example.com' })).ok).toBe(true);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: 'new.editor@example.com' } })).role).toBe('READER');
    await db.prisma.user.create({ data: { email: 'admin2@example.com', role: 'ADMIN' } });
    expect(await revokeEditor({ email: 'admin2@example.com' })).toMatchObject({
      ok: false,
      errors: { email: expect.stringMatching(/admin/) },
    });
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
  const call = async (
    action: string,
    opts: { method?: string; providerId?: string; body?: Record<string, string>; query?: Record<string, string> } = {},
  ) => {
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
    const signin = await call('signin', {
      method: 'POST',
      providerId: 'email',
      body: { csrfToken: csrf.csrfToken, email: 'Flow@Example.com', callbackUrl: `${origin}/desk` },
    });
    expect(signin.redirect).toContain('/verify-request'); // which redirects to pages.verifyRequest (/signin/check-email)

    const mail = await db.prisma.email.findFirstOrThrow({
      where: { to: 'flow@example.com', kind: 'magic-link' },
      orderBy: { createdAt: 'desc' },
    });
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
    const session = (await call('session')).body as { user: { email: string; role: string; locale: string } };
    // The account's language rides on the session (requestLocale reads it without a query).
    expect(session.user).toMatchObject({ email: 'flow@example.com', role: 'READER', locale: 'en' });

    jar.clear();
    const again = await call('callback', { providerId: 'email', query });
    expect(again.redirect).toContain('error=Verification');
  });

  it('links expire after 30 minutes', async () => {
    vi.stubEnv('NEXTAUTH_URL', origin);
    vi.stubEnv('EMAIL_SERVER', '');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const csrf = (await call('csrf')).body as { csrfToken: string };
    const asked = Date.now();
    await call('signin', {
      method: 'POST',
      providerId: 'email',
      body: { csrfToken: csrf.csrfToken, email: 'soon@example.com', callbackUrl: origin },
    });
    const token = await db.prisma.verificationToken.findFirstOrThrow({ where: { identifier: 'soon@example.com' } });
    expect(Math.abs(token.expires.getTime() - (asked + 30 * 60_000))).toBeLessThan(60_000);
    const mail = await db.prisma.email.findFirstOrThrow({ where: { to: 'soon@example.com' } });
    expect(mail.text).toContain('expires in 30 minutes');
  });

  it('in SMTP mode the stored copy holds no usable token, and the sent link signs in', async () => {
    vi.stubEnv('NEXTAUTH_URL', origin);
    vi.stubEnv('EMAIL_SERVER', 'smtp://mail.example:587');
    const sent: { text: string; html: string }[] = [];
    setTransportFactoryForTesting(() => {
      const t = nodemailer.createTransport({ jsonTransport: true });
      const send = t.sendMail.bind(t);
      t.sendMail = (async (m: { text: string; html: string }) => {
        sent.push({ text: m.text, html: m.html });
        return send(m as never);
      }) as never;
      return t;
    });
    jar.clear();
    const csrf = (await call('csrf')).body as { csrfToken: string };
    await drainJobs();
    await call('signin', {
      method: 'POST',
      providerId: 'email',
      body: { csrfToken: csrf.csrfToken, email: 'smtp-user@example.com', callbackUrl: `${origin}/account` },
    });
    // Queued with the whole message kept apart until it is sent.
    const queued = await db.prisma.email.findFirstOrThrow({ where: { to: 'smtp-user@example.com', kind: 'magic-link' } });
    expect(queued).toMatchObject({ status: 'queued' });
    expect(JSON.stringify(queued.unredacted)).toContain('token=');
    expect(sent).toHaveLength(0);
    await drainJobs();
    expect(sent).toHaveLength(1);
    const link = /https?:\/\/\S+\/signin\/confirm\?\S+/.exec(sent[0]!.text)![0];
    const token = new URL(link).searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(sent[0]!.html).toContain(token);

    const stored = await db.prisma.email.findFirstOrThrow({ where: { to: 'smtp-user@example.com', kind: 'magic-link' } });
    expect(stored).toMatchObject({ transport: 'smtp', status: 'sent', unredacted: null });
    for (const field of [stored.text, stored.html, stored.subject]) expect(field).not.toContain(token);
    expect(stored.text).toContain('token=[redacted]');

    // The link from the stored copy is refused; the one that was sent works.
    const params = new URL(link).searchParams;
    jar.clear();
    const storedLink = /https?:\/\/\S+\/signin\/confirm\?\S+/.exec(stored.text)![0];
    const fromStore = await call('callback', {
      providerId: 'email',
      query: { token: new URL(storedLink).searchParams.get('token') ?? '', email: params.get('email')! },
    });
    expect(fromStore.redirect).toContain('error=Verification');
    const real = await call('callback', {
      providerId: 'email',
      query: { token, email: params.get('email')!, callbackUrl: params.get('callbackUrl')! },
    });
    expect(real.redirect).toBe(`${origin}/account`);
  });
});
