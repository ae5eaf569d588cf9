/**
 * Sign-in email limits, through the real route handler: over a limit the answer is 429 with
 * Retry-After and the error code the form shows, before next-auth runs (no email, no token).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { POST } from '@/app/api/auth/[...nextauth]/route';
import { signInErrorMessage } from './magic-link';
import { normaliseSignInEmail, signInLimitResponse } from './signin-limit';

const db = setupTestDb();
afterEach(() => {
  delete process.env.LIMIT_SIGNIN_EMAIL;
  delete process.env.LIMIT_SIGNIN_IP;
});

const signInRequest = (email: string, ip = '192.0.2.10') =>
  new Request('http://localhost:3000/api/auth/signin/email', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ email, csrfToken: 'x', callbackUrl: '/', json: 'true' }),
  });
const ctx = { params: Promise.resolve({ nextauth: ['signin', 'email'] }) };

describe('sign-in email limits', () => {
  it('normalises the address as next-auth does', () => {
    expect(normaliseSignInEmail('  Ann@Example.TEST ')).toBe('ann@example.test');
    expect(normaliseSignInEmail('ann@example.test,other.test')).toBe('ann@example.test');
    expect(normaliseSignInEmail('ann@example.test,evil@x.test')).toBeNull();
    expect(normaliseSignInEmail('nobody')).toBeNull();
    expect(normaliseSignInEmail('a@b')).toBeNull();
  });

  it('per address: the request over the limit gets 429, sends nothing and writes no token', async () => {
    process.env.LIMIT_SIGNIN_EMAIL = '2/1h';
    expect(await signInLimitResponse(signInRequest('reader@limits.test'))).toBeNull();
    expect(await signInLimitResponse(signInRequest('Reader@Limits.test', '192.0.2.11'))).toBeNull();
    const res = await POST(signInRequest('reader@limits.test', '192.0.2.12'), ctx);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3000);
    const body = await res.json();
    expect(new URL(body.url).searchParams.get('error')).toBe('RateLimited');
    expect(body.error).toMatch(
      /^Too many sign-in links were requested for this address\. To protect its inbox, please wait (60 minutes|1 hours?) and try again\.$/,
    );
    expect(signInErrorMessage('RateLimited')).toMatch(/please wait a while/);
    expect(await db.prisma.verificationToken.count()).toBe(0);
    expect(await db.prisma.email.count()).toBe(0);
    // Another address is not affected.
    expect(await signInLimitResponse(signInRequest('other@limits.test', '192.0.2.12'))).toBeNull();
  });

  it('per client IP, across addresses; a plain form post gets a page with the sentence', async () => {
    process.env.LIMIT_SIGNIN_IP = '2/1h';
    expect(await signInLimitResponse(signInRequest('a@ip.test', '198.51.100.20'))).toBeNull();
    expect(await signInLimitResponse(signInRequest('b@ip.test', '198.51.100.20'))).toBeNull();
    const plain = new Request('http://localhost:3000/api/auth/signin/email', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.20' },
      body: new URLSearchParams({ email: 'c@ip.test', csrfToken: 'x' }),
    });
    const res = await POST(plain, ctx);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await res.text()).toMatch(/role="alert">Too many sign-in links were requested from your network/);
    expect(await db.prisma.verificationToken.count()).toBe(0);
    expect(await db.prisma.email.count()).toBe(0);
  });

  it('the sign-in POST is guarded: cross-site 403, not a form 415, oversized 413', async () => {
    const cross = await POST(
      new Request('http://localhost:3000/api/auth/signin/email', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: 'email=a%40b.test',
      }),
      ctx,
    );
    expect(cross.status).toBe(403);
    const plain = await POST(
      new Request('http://localhost:3000/api/auth/signin/email', {
        method: 'POST',
        headers: { 'content-type': 'text/plain; x=application/x-www-form-urlencoded' },
        body: 'email=a%40b.test',
      }),
      ctx,
    );
    expect(plain.status).toBe(415);
    const big = await POST(
      new Request('http://localhost:3000/api/auth/signin/email', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=${'a'.repeat(9000)}`,
      }),
      ctx,
    );
    expect(big.status).toBe(413);
    expect(await db.prisma.verificationToken.count()).toBe(0);
  });
});
