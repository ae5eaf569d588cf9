import { describe, expect, it } from 'vitest';
import { articleSlugFromPath, bannerHref, endOfArticleHref, inlineHref, parseSupportParams, supportHref } from './support-links';
import { articlePathsToRevalidate, inEveryLocale } from './revalidate';
import { buildRssFeed, escapeXml } from './feed';

describe('CTA hrefs', () => {
  it('carry the article and the placement', () => {
    expect(endOfArticleHref('ferry-returns')).toBe('/support?from=ferry-returns&placement=end-of-article');
    expect(inlineHref('ferry-returns')).toBe('/support?from=ferry-returns&placement=inline');
    expect(bannerHref('ferry-returns')).toBe('/support?from=ferry-returns&placement=banner');
  });
  it('omit from when there is no (valid) article', () => {
    expect(bannerHref()).toBe('/support?placement=banner');
    expect(bannerHref(null)).toBe('/support?placement=banner');
    expect(supportHref('banner', '"><script>')).toBe('/support?placement=banner');
    expect(supportHref('round-cta', 'ferry-returns', 'spring-2027')).toBe(
      '/support?from=ferry-returns&placement=round-cta&round=spring-2027',
    );
    expect(supportHref('topics', null, 'bad slug!')).toBe('/support?placement=topics');
  });
  it('finds the article slug in a pathname', () => {
    expect(articleSlugFromPath('/articles/ferry-returns')).toBe('ferry-returns');
    expect(articleSlugFromPath('/articles/ferry-returns/')).toBe('ferry-returns');
    expect(articleSlugFromPath('/sections/city-hall')).toBeNull();
    expect(articleSlugFromPath('/articles/%E0%A4%A')).toBeNull();
    expect(articleSlugFromPath(null)).toBeNull();
  });
  it('parses /support params defensively', () => {
    expect(parseSupportParams({ from: 'ferry-returns', placement: 'inline' })).toEqual({
      from: 'ferry-returns',
      placement: 'inline',
      round: null,
    });
    expect(parseSupportParams({ from: ['a-b', 'c'], placement: ['banner'] })).toEqual({ from: 'a-b', placement: 'banner', round: null });
    expect(parseSupportParams({ from: '<script>', placement: 'popup', round: '"><b>' })).toEqual({
      from: null,
      placement: null,
      round: null,
    });
    expect(parseSupportParams({})).toEqual({ from: null, placement: null, round: null });
    expect(parseSupportParams({ placement: 'topics', round: 'spring-2027' })).toEqual({
      from: null,
      placement: 'topics',
      round: 'spring-2027',
    });
  });
});

describe('revalidation paths', () => {
  it('covers the article, home, listings and feed', () => {
    expect(articlePathsToRevalidate('a', 'city-hall', ['river'], ['ana-ruiz']).sort()).toEqual(
      ['/', '/articles/a', '/authors/ana-ruiz', '/feed.xml', '/sections/city-hall', '/tags/river'].sort(),
    );
  });

  it('names the cached page of every language', () => {
    expect(inEveryLocale('/')).toEqual(['/en', '/uk']);
    expect(inEveryLocale('/topics/a')).toEqual(['/en/topics/a', '/uk/topics/a']);
    // English articles have their own folder (app/(english)): cached at their address.
    expect(inEveryLocale('/articles/a')).toEqual(['/articles/a', '/uk/articles/a']);
  });
});

describe('RSS', () => {
  it('escapes XML and drops forbidden characters', () => {
    expect(escapeXml(`a & b < c > "d" 'e'\u0000\u0008`)).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos;');
  });
  it('builds an RSS 2.0 document', () => {
    const xml = buildRssFeed({
      siteUrl: 'https://news.example/',
      title: 'The <Ledger>',
      description: 'News & more',
      items: [
        {
          id: '1',
          slug: 'a',
          title: 'Rents & wages <rise>',
          standfirst: 'S',
          body: 'Hello <script>x</script> **world** ]]>',
          publishedAt: new Date('2026-01-02T10:00:00Z'),
          updatedAt: new Date('2026-01-02T10:00:00Z'),
          heroImageUrl: null,
          locale: 'en',
          heroImageAlt: null,
          section: { slug: 'housing', name: 'Housing' },
          authors: [{ slug: 'x', name: 'X Y' }],
          tags: [{ slug: 'rent', name: 'Rent' }],
        },
      ],
    });
    expect(xml).toContain('<rss version="2.0"');
    expect(xml).toContain('<title>The &lt;Ledger&gt;</title>');
    expect(xml).toContain('<title>Rents &amp; wages &lt;rise&gt;</title>');
    expect(xml).toContain('<link>https://news.example/articles/a</link>');
    expect(xml).toContain('<pubDate>Fri, 02 Jan 2026 10:00:00 GMT</pubDate>');
    expect(xml).toContain('<content:encoded>&lt;p&gt;Hello');
    // The body's <script> is removed by the sanitiser, not merely escaped into the XML.
    expect(xml).not.toMatch(/&lt;script|<script/);
    expect(xml).toContain('&lt;strong&gt;world&lt;/strong&gt;');
  });
});
