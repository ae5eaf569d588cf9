import { expect, test } from './fixtures';

// Security headers on every kind of response, and the CSP guard (e2e/fixtures.ts) itself.

async function firstArticlePath(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const xml = await (await request.get('/sitemap.xml')).text();
  const m = /<loc>([^<]+\/articles\/[^<]+)<\/loc>/.exec(xml);
  expect(m, 'the sitemap lists articles').toBeTruthy();
  return new URL(m![1]!).pathname;
}

function expectSecurityHeaders(headers: Record<string, string>, what: string): void {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toMatch(/script-src 'self' 'unsafe-inline'(;|$)/); // no third-party script origin
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toMatch(
    /form-action 'self' https:\/\/checkout\.stripe\.com https:\/\/billing\.stripe\.com http:\/\/127\.0\.0\.1:\d+(;|$)/,
  );
  expect(csp, what).toContain("object-src 'none'");
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  expect(headers['x-frame-options'], what).toBe('DENY');
  // SITE_URL is http://localhost here: no HSTS (a unit test covers https).
  expect(headers['strict-transport-security'], what).toBeUndefined();
}

test('a static article page, a dynamic page, an API route and a 404 all carry the security headers', async ({ request }) => {
  const article = await firstArticlePath(request);
  await request.get(article); // warm the cache
  const staticPage = await request.get(article);
  expect(staticPage.status()).toBe(200);
  // Still served from the static cache: the headers are the same for everyone, no per-request nonce.
  expect(staticPage.headers()['x-nextjs-cache'] ?? staticPage.headers()['x-nextjs-prerender']).toBeTruthy();
  expectSecurityHeaders(staticPage.headers(), 'article page');

  const dynamicPage = await request.get('/support');
  expect(dynamicPage.status()).toBe(200);
  expectSecurityHeaders(dynamicPage.headers(), '/support');

  const api = await request.get('/api/me');
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api.headers(), '/api/me');

  const missing = await request.get('/no-such-page');
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing.headers(), '404');
});

test('pages cannot be framed by another site (clickjacking)', async ({ page, baseURL }) => {
  await page.route('http://elsewhere.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<iframe name="victim" src="${baseURL}/signin"></iframe>` }),
  );
  await page.goto('http://elsewhere.test/');
  const frame = page.frame({ name: 'victim' });
  expect(frame).toBeTruthy();
  // Chromium replaces a refused frame with its error page: none of our page is shown.
  await expect.poll(() => frame!.url()).toMatch(/^chrome-error:/);
});

test('the CSP guard fails a test when a page breaks the policy', async ({ page }) => {
  test.fail(true, 'expected: the guard reports the blocked third-party script');
  await page.goto('/');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.src = 'https://third-party.example/tracker.js';
    document.head.append(s);
  });
  await page.waitForTimeout(300);
});
