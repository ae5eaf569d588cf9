import { describe, expect, it } from 'vitest';
import { isLoopbackHost, mailboxAvailable, startupProblems, testMode } from './mode';

const LIVE = {
  EMAIL_SERVER: 'smtp://u:p@mail.example:587',
  STRIPE_SECRET_KEY: 'sk_live_abc',
  SITE_URL: 'https://news.example.org',
  NEXTAUTH_SECRET: 's3cret',
};

describe('test mode', () => {
  it('is on when mail goes to the outbox or payments to the stand-in, and only then is there a mailbox', () => {
    expect(testMode({})).toBe(true);
    expect(testMode(LIVE)).toBe(false);
    expect(testMode({ ...LIVE, EMAIL_SERVER: '' })).toBe(true);
    expect(testMode({ ...LIVE, STRIPE_SECRET_KEY: '' })).toBe(true);
    expect(testMode({ ...LIVE, STRIPE_API_HOST: '127.0.0.1' })).toBe(true);
    expect(mailboxAvailable({})).toBe(true);
    expect(mailboxAvailable(LIVE)).toBe(false);
    // Test mode because of the stand-in, but mail really goes out: no mailbox.
    expect(mailboxAvailable({ ...LIVE, STRIPE_SECRET_KEY: '' })).toBe(false);
  });

  it('knows which hosts nobody else can reach', () => {
    for (const h of ['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['news.example.org', '0.0.0.0', '10.0.0.5', '192.168.1.2', 'localhost.example.org', '128.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('startupProblems', () => {
  it('accepts the embedded defaults and a complete production configuration', () => {
    expect(startupProblems({})).toEqual([]);
    expect(startupProblems({ SITE_URL: 'http://localhost:3000', NEXTAUTH_URL: 'http://127.0.0.1:3000' })).toEqual([]);
    expect(startupProblems(LIVE)).toEqual([]);
  });

  it('refuses a public SITE_URL in test mode, naming the settings to change', () => {
    const [p, ...rest] = startupProblems({ SITE_URL: 'https://news.example.org' });
    expect(rest).toEqual([]);
    expect(p).toMatch(/test mode/);
    expect(p).toMatch(/EMAIL_SERVER is not set/);
    expect(p).toMatch(/SITE_URL is https:\/\/news\.example\.org, a public address/);
    expect(p).toMatch(/ALLOW_PUBLIC_TEST_MODE=1/);
    // Real mail but the Stripe stand-in: still test mode, still refused.
    expect(startupProblems({ ...LIVE, STRIPE_SECRET_KEY: '' })[0]).toMatch(
      /STRIPE_SECRET_KEY is not set.*SITE_URL is https:\/\/news\.example\.org/,
    );
  });

  it('refuses a public NEXTAUTH_URL in test mode too', () => {
    expect(startupProblems({ SITE_URL: 'http://localhost:3000', NEXTAUTH_URL: 'https://news.example.org' })).toEqual([
      expect.stringMatching(/NEXTAUTH_URL is https:\/\/news\.example\.org/),
    ]);
  });

  it('refuses a live Stripe key in test mode', () => {
    const problems = startupProblems({ STRIPE_SECRET_KEY: 'sk_live_123' });
    expect(problems).toEqual([expect.stringMatching(/STRIPE_SECRET_KEY is a live key.*Set EMAIL_SERVER.*ALLOW_PUBLIC_TEST_MODE=1/)]);
    expect(startupProblems({ ...LIVE, SITE_URL: 'http://localhost:3000', STRIPE_API_HOST: 'stripe-mock.internal' })).toEqual([
      expect.stringMatching(/live key.*unset STRIPE_API_HOST/),
    ]);
    expect(startupProblems({ STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_API_HOST: '127.0.0.1' })).toEqual([]);
  });

  it('lists every problem at once', () => {
    expect(startupProblems({ SITE_URL: 'https://news.example.org', STRIPE_SECRET_KEY: 'rk_live_9' })).toHaveLength(2);
  });

  it('runs a public test site only with the explicit override', () => {
    expect(
      startupProblems({ SITE_URL: 'https://staging.example.org', STRIPE_SECRET_KEY: 'sk_live_x', ALLOW_PUBLIC_TEST_MODE: '1' }),
    ).toEqual([]);
    expect(startupProblems({ SITE_URL: 'https://staging.example.org', ALLOW_PUBLIC_TEST_MODE: 'yes' })).toHaveLength(1);
  });

  it('outside test mode requires NEXTAUTH_SECRET, with no fallback', () => {
    const { NEXTAUTH_SECRET: _, ...noSecret } = LIVE;
    expect(startupProblems(noSecret)).toEqual([expect.stringMatching(/^NEXTAUTH_SECRET is not set.*Set NEXTAUTH_SECRET/)]);
    expect(startupProblems({ ...noSecret, NEXTAUTH_SECRET: '   ' })).toHaveLength(1);
    expect(startupProblems({ ...noSecret, AUTH_SECRET: 'x' })).toEqual([]);
    // The override is about test mode; it never waives the secret.
    expect(startupProblems({ ...noSecret, ALLOW_PUBLIC_TEST_MODE: '1' })).toHaveLength(1);
  });

  it('on PostgreSQL requires NEXTAUTH_SECRET even in test mode (every node must share it)', () => {
    const pg = { DATABASE_URL: 'postgres://db/patronage' };
    expect(startupProblems({})).toEqual([]); // embedded test mode: npm start generates one
    expect(startupProblems(pg)).toEqual([expect.stringMatching(/^NEXTAUTH_SECRET is not set: on PostgreSQL \(DATABASE_URL\) every node/)]);
    expect(startupProblems({ ...pg, NEXTAUTH_SECRET: 'shared' })).toEqual([]);
    const { NEXTAUTH_SECRET: _, ...noSecret } = LIVE;
    expect(startupProblems({ ...noSecret, ...pg })).toHaveLength(1);
  });

  it('refuses a sign-in link lifetime that is not 1 to 1440 minutes', () => {
    expect(startupProblems({ SIGNIN_LINK_MINUTES: '30' })).toEqual([]);
    for (const bad of ['0', '2000', '1.5', 'soon'])
      expect(startupProblems({ SIGNIN_LINK_MINUTES: bad }), bad).toEqual([expect.stringMatching(/^SIGNIN_LINK_MINUTES must be/)]);
  });

  it('explains a SITE_URL that is not a URL', () => {
    expect(startupProblems({ SITE_URL: 'news.example.org' })).toEqual([expect.stringMatching(/SITE_URL must be a URL/)]);
  });
});
