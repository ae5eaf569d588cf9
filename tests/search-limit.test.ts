/** /search passes through proxy.ts, which enforces the per-IP search limit with a 429 page. */
import { afterAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { proxy, config } from '@/proxy';

setupTestDb();
afterAll(() => {
  delete process.env.LIMIT_SEARCH_IP;
});

const search = (q: string, ip: string, headers: Record<string, string> = {}, path = '/search') =>
  proxy(new NextRequest(`http://localhost${path}?q=${encodeURIComponent(q)}`, { headers: { 'x-forwarded-for': ip, ...headers } }));
const passed = (res: Response) => res.status === 200 && res.headers.get('x-middleware-next') === '1';

describe('search limit', () => {
  it('only /search in each language is matched (article pages stay static)', () => {
    expect(config.matcher).toEqual(['/search', '/uk/search']);
  });

  it('lets searches through up to the limit, then answers 429 with Retry-After and a sentence; per IP', async () => {
    process.env.LIMIT_SEARCH_IP = '2/1m';
    expect(passed(await search('rent', '203.0.113.5'))).toBe(true);
    expect(passed(await search('towpath', '203.0.113.5'))).toBe(true);
    // An empty search box and router prefetches are not counted.
    expect(passed(await search('', '203.0.113.5'))).toBe(true);
    expect(passed(await search('bridge', '203.0.113.5', { 'next-router-prefetch': '1' }))).toBe(true);
    const over = await search('bridge', '203.0.113.5');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(over.headers.get('content-type')).toContain('text/html');
    expect(await over.text()).toMatch(/role="alert">You have searched many times in a short time\. Please wait/);
    expect(passed(await search('bridge', '203.0.113.6'))).toBe(true);
  });

  it('answers in the language of the search page: /uk/search gets a Ukrainian page', async () => {
    process.env.LIMIT_SEARCH_IP = '1/1m';
    expect(passed(await search('оренда', '203.0.113.9', {}, '/uk/search'))).toBe(true);
    const over = await search('оренда', '203.0.113.9', {}, '/uk/search');
    expect(over.status).toBe(429);
    const html = await over.text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toMatch(/role="alert">Ви шукали надто багато разів за короткий час\. Зачекайте \d+ (секунд|хвилин)/);
    expect(html).toContain('href="/uk"');
  });
});
