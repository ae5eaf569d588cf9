import { describe, expect, it } from 'vitest';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';
import { cachedReaderPath, localeRewrites } from './routes';

// The rewrites as Next's router matches them (next/dist/shared/lib/router/utils/path-match).
function rewritten(path: string): string | null {
  for (const r of localeRewrites()) {
    const params = getPathMatch(r.source, { removeUnnamedParams: true, strict: true })(path);
    if (params) return r.destination.replace(':path', String((params as Record<string, string>).path));
  }
  return null;
}

describe('locale rewrites', () => {
  it('send unprefixed English reader pages to /en/…', () => {
    expect(rewritten('/')).toBe('/en');
    expect(rewritten('/topics')).toBe('/en/topics');
    expect(rewritten('/sections/city/page/2')).toBe('/en/sections/city/page/2');
  });

  it('leave other languages, staff areas, APIs, root files and English pages with their own folder alone', () => {
    for (const p of [
      '/uk/topics',
      '/uk',
      '/api/votes',
      '/desk',
      '/_next/static/x.js',
      '/robots.txt',
      '/sitemap.xml',
      '/articles/river-bridge',
    ]) {
      expect(rewritten(p), p).toBeNull();
    }
  });
});

describe('cachedReaderPath', () => {
  it('is the rewrite target in English, the prefixed path in Ukrainian, the address for an own-folder English page', () => {
    expect(cachedReaderPath('en', '/topics')).toBe('/en/topics');
    expect(cachedReaderPath('en', '/')).toBe('/en');
    expect(cachedReaderPath('uk', '/')).toBe('/uk');
    expect(cachedReaderPath('uk', '/articles/river-bridge')).toBe('/uk/articles/river-bridge');
    expect(cachedReaderPath('en', '/articles/river-bridge')).toBe('/articles/river-bridge');
  });
});
