import { expect, test } from './fixtures';

// Anonymous readers: everything is open, findable and well described.

async function articleUrls(request: import('@playwright/test').APIRequestContext): Promise<string[]> {
  const xml = await (await request.get('/sitemap.xml')).text();
  return [...xml.matchAll(/<loc>([^<]+\/articles\/[^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
}

test('the home page leads with a story and lists the latest by section', async ({ page }) => {
  const res = await page.goto('/');
  expect(res?.status()).toBe(200);
  const lead = page.locator('[data-testid="lead-story"] a').first();
  await expect(lead).toBeVisible();
  const sectionBlocks = page.locator('[data-testid="section-latest"]');
  expect(await sectionBlocks.count()).toBeGreaterThanOrEqual(4);
});

test('every published article in the sitemap is readable anonymously, without a paywall', async ({ request }) => {
  const urls = await articleUrls(request);
  expect(urls.length).toBeGreaterThanOrEqual(30);
  for (const url of urls) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    // The whole story is in the page: every demo body ends with this line.
    expect(await res.text(), url).toContain('This is demo content for Patronage');
  }
});

test('an article carries JSON-LD NewsArticle, Open Graph, Twitter card and a canonical URL', async ({ page, request }) => {
  const [url] = await articleUrls(request);
  await page.goto(url!);
  const h1 = (await page.locator('h1').first().textContent())?.trim();
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}');
  expect(ld['@type']).toBe('NewsArticle');
  expect(ld.headline).toBe(h1);
  expect(Date.parse(ld.datePublished)).not.toBeNaN();
  expect(Array.isArray(ld.author) ? ld.author[0].name : ld.author.name).toBeTruthy();
  expect(ld.publisher.name).toBeTruthy();

  const meta = (sel: string) => page.locator(sel).first().getAttribute('content');
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(new URL(canonical!).pathname).toBe(url);
  expect(await meta('meta[property="og:type"]')).toBe('article');
  expect(await meta('meta[property="og:title"]')).toContain(h1!.slice(0, 20));
  expect(new URL((await meta('meta[property="og:url"]'))!).pathname).toBe(url);
  expect(await meta('meta[property="og:image"]')).toMatch(/^https?:\/\//);
  expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
  expect(await meta('meta[property="article:published_time"]')).toBeTruthy();
});

test('a page names each of its scripts by one URL, with the deployment, so no chunk is fetched twice', async ({ request }) => {
  const [article] = await articleUrls(request);
  for (const url of ['/', article!, `/uk${article}`, '/topics', '/signin']) {
    const html = await (await request.get(url)).text();
    const srcs = [...html.matchAll(/<script[^>]* src="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length, url).toBeGreaterThan(3);
    const urlsByChunk = new Map<string, Set<string>>();
    for (const src of srcs) {
      const chunk = src.split('?')[0]!;
      urlsByChunk.set(chunk, (urlsByChunk.get(chunk) ?? new Set()).add(src));
    }
    const twice = [...urlsByChunk.values()].filter((urls) => urls.size > 1).map((urls) => [...urls].join(' and '));
    expect(twice, url).toEqual([]);
    // The server (scripts/serve.ts, which sets no DEPLOYMENT_ID) takes the build's id from the build
    // itself (lib/config/cluster.ts nextDeploymentId), so each chunk's one URL carries it.
    expect(
      srcs.filter((src) => !/[?&]dpl=/.test(src)),
      url,
    ).toEqual([]);
  }
});

test('RSS feed, sitemap and robots.txt are valid and agree', async ({ request }) => {
  const feed = await request.get('/feed.xml');
  expect(feed.headers()['content-type']).toContain('xml');
  const rss = await feed.text();
  expect(rss).toMatch(/^<\?xml/);
  expect(rss).toContain('<rss');
  const items = [...rss.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>[\s\S]*?<\/item>/g)].map((m) => new URL(m[1]!).pathname);
  expect(items.length).toBeGreaterThanOrEqual(30);
  const sitemapArticles = new Set(await articleUrls(request));
  for (const path of items) expect(sitemapArticles.has(path), path).toBe(true);
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/Sitemap: https?:\/\/[^\s]+\/sitemap\.xml/);
  expect(robots).toMatch(/Disallow: \/desk/);
});

test('calls to action: end of article, inside long articles, and a banner that remembers its dismissal', async ({ page, request }) => {
  const urls = await articleUrls(request);
  // Find a long article (it has the inline slot) and check all three slots there.
  let longUrl: string | undefined;
  for (const url of urls) {
    if ((await (await request.get(url)).text()).includes('data-cta="inline"')) {
      longUrl = url;
      break;
    }
  }
  expect(longUrl, 'a long article with an inline CTA').toBeTruthy();
  const slug = longUrl!.split('/').pop()!;
  await page.goto(longUrl!);
  for (const slot of ['end-of-article', 'inline', 'banner']) {
    const link = page.locator(`[data-cta="${slot}"] a[href*="/support"]`).first();
    await expect(link, slot).toBeVisible();
    const href = new URL((await link.getAttribute('href'))!, 'http://x');
    expect(href.pathname).toBe('/support');
    expect(href.searchParams.get('placement')).toBe(slot);
    expect(href.searchParams.get('from')).toBe(slug);
  }
  await expect(page.locator('[data-cta="end-of-article"]')).toContainText(/patron/i);

  // Dismiss the banner; it stays dismissed on the next page.
  await page
    .locator('[data-cta="banner"]')
    .getByRole('button', { name: /dismiss|close/i })
    .click();
  await expect(page.locator('[data-cta="banner"]')).toBeHidden();
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[data-cta="banner"]')).toBeHidden();

  // The support page explains membership and acknowledges the story it came from.
  await page.goto(`/support?from=${slug}&placement=end-of-article`);
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('body')).toContainText(/patron/i);
});

test('unknown slugs give the real 404 page', async ({ page }) => {
  for (const path of ['/articles/no-such-story', '/sections/nope', '/tags/nope', '/authors/nobody', '/entirely/unknown']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.locator('body')).toContainText(/not found|couldn.t find/i);
  }
});

test('search answers odd input with results or none, never an error', async ({ page, request }) => {
  const res = await page.goto('/search?q=river');
  expect(res?.status()).toBe(200);
  expect(await page.locator('[data-testid="search-result"]').count()).toBeGreaterThan(0);
  for (const q of [
    '"unbalanced',
    '&|!',
    'a:* & !(b |',
    '\'; drop table "Article"; --',
    'x'.repeat(10_000),
    '   ',
    '<script>alert(1)</script>',
  ]) {
    const r = await request.get(`/search?q=${encodeURIComponent(q)}`);
    expect(r.status(), q.slice(0, 30)).toBe(200);
    expect(await r.text()).not.toContain('<script>alert(1)</script>');
  }
});
