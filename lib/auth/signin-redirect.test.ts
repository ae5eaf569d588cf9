/**
 * next-auth's own redirects (after the /support page's sign-in box posts, after a failed link) land on
 * the sign-in pages in the reader's language; over the sign-in limit, the answer is in it too.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { POST } from '@/app/api/auth/[...nextauth]/route';
import { authOptions } from './options';
import { localizedSignInLocation, localizeSignInRedirect, signInRequestLocale } from './signin-redirect';

// next-auth/core is not in the package's exports map: load the file directly (as lib/auth/auth.test.ts does).
const { AuthHandler } = createRequire(import.meta.url)(path.resolve('node_modules/next-auth/core/index.js')) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: unknown }) => Promise<{ redirect?: string }>;
};

const db = setupTestDb();
const site = 'http://localhost:3102';
afterEach(() => {
  vi.unstubAllEnvs();
  delete process.env.LIMIT_SIGNIN_EMAIL;
});

const req = (url: string, cookie?: string) => new Request(url, { headers: cookie ? { cookie } : {} });
const redirect = (location: string) => new Response(null, { status: 302, headers: { location, 'set-cookie': 'a=1' } });

describe('the language of a sign-in request', () => {
  it('is the cookie the sign-in forms set, else the page the reader returns to, else English', () => {
    expect(signInRequestLocale(req(`${site}/api/auth/signin/email`, 'NEXT_LOCALE=uk'), { callbackUrl: '/support' }, site)).toBe('uk');
    expect(signInRequestLocale(req(`${site}/api/auth/signin/email`), { callbackUrl: `${site}/uk/support?tier=x` }, site)).toBe('uk');
    expect(signInRequestLocale(req(`${site}/api/auth/signin/email`), { callbackUrl: '/support' }, site)).toBe('en');
    expect(signInRequestLocale(req(`${site}/api/auth/callback/email?callbackUrl=%2Fuk%2Ftopics&token=t`), null, site)).toBe('uk');
    // next-auth's follow-up redirect (/api/auth/verify-request) only has its callback-url cookie.
    const cookie = `next-auth.csrf-token=x; next-auth.callback-url=${encodeURIComponent(`${site}/uk/support`)}`;
    expect(signInRequestLocale(req(`${site}/api/auth/verify-request?provider=email&type=email`, cookie), null, site)).toBe('uk');
    // Another site's address is no language of ours.
    expect(signInRequestLocale(req(`${site}/api/auth/signin/email`), { callbackUrl: 'https://evil.example/uk/x' }, site)).toBe('en');
    expect(signInRequestLocale(req(`${site}/api/auth/signin/email`), null, site)).toBe('en');
  });

  it('moves only redirects to the sign-in pages on this site, keeping their query', () => {
    expect(localizedSignInLocation(`${site}/signin/check-email?provider=email&type=email`, 'uk', site)).toBe(
      `${site}/uk/signin/check-email?provider=email&type=email`,
    );
    expect(localizedSignInLocation('/signin?error=Verification', 'uk', site)).toBe('/uk/signin?error=Verification');
    expect(localizedSignInLocation(`${site}/signin?error=Verification`, 'en', site)).toBeNull();
    expect(localizedSignInLocation(`${site}/uk/signin/check-email`, 'uk', site)).toBeNull();
    expect(localizedSignInLocation(`${site}/uk/support`, 'uk', site)).toBeNull();
    expect(localizedSignInLocation('https://evil.example/signin', 'uk', site)).toBeNull();
    expect(localizedSignInLocation(`${site}/signin/confirm`, 'uk', site)).toBeNull();
  });
});

describe('next-auth’s redirects from a Ukrainian page', () => {
  const call = (action: string, query: Record<string, string> = {}) =>
    AuthHandler({
      req: { method: 'GET', action, query, cookies: {}, headers: { host: 'localhost:3102' }, error: query.error },
      options: authOptions,
    });

  it('the check-email page and the error page of a sign-in asked from /uk keep /uk (English unchanged)', async () => {
    vi.stubEnv('NEXTAUTH_URL', site);
    vi.stubEnv('SITE_URL', site);
    const checkEmail = (await call('verify-request', { provider: 'email', type: 'email' })).redirect!;
    expect(new URL(checkEmail, site).pathname).toBe('/signin/check-email');
    const failed = (await call('error', { error: 'Verification' })).redirect!;
    expect(new URL(failed, site).pathname).toBe('/signin');

    const uk = localizeSignInRedirect(redirect(checkEmail), 'uk', site);
    expect(uk.status).toBe(302);
    expect(new URL(uk.headers.get('location')!, site).pathname).toBe('/uk/signin/check-email');
    expect(uk.headers.get('set-cookie')).toBe('a=1');
    expect(localizeSignInRedirect(redirect(failed), 'uk', site).headers.get('location')).toBe('/uk/signin?error=Verification');
    expect(localizeSignInRedirect(redirect(`${site}${failed}`), 'uk', site).headers.get('location')).toBe(
      `${site}/uk/signin?error=Verification`,
    );
    const en = redirect(checkEmail);
    expect(localizeSignInRedirect(en, 'en', site)).toBe(en);
  });

  it('over the sign-in limit, a reader of the Ukrainian site is told in Ukrainian and sent back to /uk/signin', async () => {
    process.env.LIMIT_SIGNIN_EMAIL = '1/1h';
    const post = (body: Record<string, string>, cookie?: string) =>
      POST(
        new Request('http://localhost:3000/api/auth/signin/email', {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-forwarded-for': '192.0.2.77',
            'sec-fetch-site': 'same-origin',
            ...(cookie ? { cookie } : {}),
          },
          body: new URLSearchParams(body),
        }),
        { params: Promise.resolve({ nextauth: ['signin', 'email'] }) },
      );
    const { signInLimitResponse } = await import('./signin-limit');
    const first = new Request('http://localhost:3000/api/auth/signin/email', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '192.0.2.77' },
      body: new URLSearchParams({ email: 'uk@limits.test', csrfToken: 'x' }),
    });
    expect(await signInLimitResponse(first)).toBeNull();

    // The sign-in form (json=true) from /uk/signin.
    const json = await post({ email: 'uk@limits.test', csrfToken: 'x', callbackUrl: '/uk/account', json: 'true' }, 'NEXT_LOCALE=uk');
    expect(json.status).toBe(429);
    const body = (await json.json()) as { url: string; error: string };
    expect(new URL(body.url).pathname).toBe('/uk/signin');
    expect(body.error).toMatch(/^Для цієї адреси вже запитали забагато посилань для входу\. .*зачекайте 60 хвилин/);

    // The /uk/support sign-in box (a plain form post): a Ukrainian page with the way back to /uk/signin.
    const page = await post({ email: 'uk@limits.test', csrfToken: 'x', callbackUrl: '/uk/support' });
    expect(page.status).toBe(429);
    const html = await page.text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain('зачекайте 60 хвилин');
    expect(html).toContain('href="/uk/signin">Назад до входу');
    expect(await db.prisma.verificationToken.count()).toBe(0);
  });
});
