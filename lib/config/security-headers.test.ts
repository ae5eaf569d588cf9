import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders, standInOrigin } from './security-headers';

const LIVE = {
  EMAIL_SERVER: 'smtp://mail.example',
  STRIPE_SECRET_KEY: 'sk_live_x',
  SITE_URL: 'https://news.example.org',
  NODE_ENV: 'production',
};
const TEST = {
  SITE_URL: 'http://localhost:3000',
  STRIPE_SECRET_KEY: 'sk_test_patronage_local',
  STRIPE_API_HOST: '127.0.0.1',
  STRIPE_API_PORT: '12111',
  STRIPE_API_PROTOCOL: 'http',
  NODE_ENV: 'production',
};
const header = (h: { key: string; value: string }[], key: string) => h.find((x) => x.key === key)?.value;
const directive = (csp: string, name: string) => csp.split('; ').find((d) => d === name || d.startsWith(`${name} `));

describe('security headers', () => {
  it('a CSP with no third-party script origin, no framing, forms only to the site and Stripe', () => {
    const csp = contentSecurityPolicy(LIVE);
    expect(directive(csp, 'script-src')).toBe("script-src 'self' 'unsafe-inline'");
    expect(directive(csp, 'default-src')).toBe("default-src 'self'");
    expect(directive(csp, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive(csp, 'form-action')).toBe("form-action 'self' https://checkout.stripe.com https://billing.stripe.com");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(directive(csp, 'base-uri')).toBe("base-uri 'self'");
    expect(directive(csp, 'upgrade-insecure-requests')).toBeTruthy();
  });

  it("in test mode forms may also go to the stand-in's hosted pages", () => {
    expect(standInOrigin(TEST)).toBe('http://127.0.0.1:12111');
    expect(standInOrigin({ ...TEST, STRIPE_SANDBOX_PUBLIC_URL: 'http://stripe.localhost:9999/x' })).toBe('http://stripe.localhost:9999');
    expect(standInOrigin(LIVE)).toBeNull();
    expect(directive(contentSecurityPolicy(TEST), 'form-action')).toBe(
      "form-action 'self' https://checkout.stripe.com https://billing.stripe.com http://127.0.0.1:12111",
    );
    expect(directive(contentSecurityPolicy(TEST), 'upgrade-insecure-requests')).toBeUndefined();
  });

  it('allows eval only under next dev', () => {
    expect(directive(contentSecurityPolicy({ ...TEST, NODE_ENV: 'development' }), 'script-src')).toBe(
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    );
    expect(contentSecurityPolicy(TEST)).not.toContain('unsafe-eval');
  });

  it('HSTS only when SITE_URL is https; nosniff, referrer and permissions policies always', () => {
    const live = securityHeaders(LIVE);
    expect(header(live, 'Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains');
    expect(header(securityHeaders(TEST), 'Strict-Transport-Security')).toBeUndefined();
    for (const h of [live, securityHeaders(TEST)]) {
      expect(header(h, 'X-Content-Type-Options')).toBe('nosniff');
      expect(header(h, 'Referrer-Policy')).toBe('strict-origin-when-cross-origin');
      expect(header(h, 'X-Frame-Options')).toBe('DENY');
      expect(header(h, 'Permissions-Policy')).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\).*payment=\(\)/);
    }
  });
});

describe('the rule that attaches them (next.config.ts)', () => {
  it('every path matches it, and with no params, so Next copies the values instead of recompiling them per request', async () => {
    const { SECURITY_HEADERS_SOURCE } = await import('./security-headers');
    // Next's own builder for a header rule (what its router matches each request against).
    const { buildCustomRoute } = await import('next/dist/server/lib/router-utils/filesystem.js');
    const rule = buildCustomRoute('header', { source: SECURITY_HEADERS_SOURCE, headers: [] });
    for (const path of ['/', '/articles/a-story', '/uk/articles/a-story', '/api/votes', '/_next/static/chunks/x.js', '/feed.xml']) {
      expect(rule.match(path), path).toEqual({});
    }
    // The pattern it replaced matched as widely but carried a param, which made Next run every
    // value with a colon in it through path-to-regexp on every request.
    expect(Object.keys(buildCustomRoute('header', { source: '/:path*', headers: [] }).match('/articles/a') || {})).toEqual(['path']);
  });

  it('next.config.ts attaches the security headers with that rule', async () => {
    const { SECURITY_HEADERS_SOURCE } = await import('./security-headers');
    const { default: config } = await import('../../next.config');
    const rules = await config('phase-production-server').headers!();
    expect(rules).toEqual([{ source: SECURITY_HEADERS_SOURCE, headers: securityHeaders() }]);
  });
});
