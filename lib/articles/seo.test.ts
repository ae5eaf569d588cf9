import { describe, expect, it } from 'vitest';
import { articleMetadata, buildNewsArticleJsonLd, pageMetadata, serializeJsonLd } from './seo';

const article = {
  slug: 'ferry-returns',
  title: 'Ferry returns </script><script>alert(1)</script>',
  standfirst: 'A & B <b>',
  publishedAt: new Date('2026-01-02T10:00:00Z'),
  updatedAt: new Date('2026-01-03T10:00:00Z'),
  heroImageUrl: '/demo/images/ferry.svg',
  heroImageAlt: 'A ferry',
  section: { slug: 'city-hall', name: 'City Hall' },
  authors: [
    { slug: 'ana-ruiz', name: 'Ana Ruiz' },
    { slug: 'tom-okafor', name: 'Tom Okafor' },
  ],
  tags: [
    { slug: 'river', name: 'River' },
    { slug: 'transport', name: 'Transport' },
  ],
};
const site = { url: 'https://news.example/', name: 'The Ledger', logoUrl: '/logo.svg' };

describe('buildNewsArticleJsonLd', () => {
  it('describes the article as a NewsArticle', () => {
    const ld = buildNewsArticleJsonLd(article, site);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.title,
      description: 'A & B <b>',
      image: ['https://news.example/demo/images/ferry.svg'],
      datePublished: '2026-01-02T10:00:00.000Z',
      dateModified: '2026-01-03T10:00:00.000Z',
      author: [
        { '@type': 'Person', name: 'Ana Ruiz', url: 'https://news.example/authors/ana-ruiz' },
        { '@type': 'Person', name: 'Tom Okafor', url: 'https://news.example/authors/tom-okafor' },
      ],
      publisher: { '@type': 'Organization', name: 'The Ledger', logo: { '@type': 'ImageObject', url: 'https://news.example/logo.svg' } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://news.example/articles/ferry-returns' },
      articleSection: 'City Hall',
      keywords: 'River, Transport',
      isAccessibleForFree: true,
    });
  });

  it('omits image when there is none and never goes back in time for dateModified', () => {
    const ld = buildNewsArticleJsonLd({ ...article, heroImageUrl: null, updatedAt: new Date('2025-01-01T00:00:00Z') }, site);
    expect(ld.image).toBeUndefined();
    expect(ld.dateModified).toBe('2026-01-02T10:00:00.000Z');
  });

  it('rejects non-http image URLs', () => {
    expect(buildNewsArticleJsonLd({ ...article, heroImageUrl: 'javascript:alert(1)' }, site).image).toBeUndefined();
  });
});

describe('serializeJsonLd', () => {
  it('cannot be broken out of with </script> or <!--', () => {
    const out = serializeJsonLd(buildNewsArticleJsonLd({ ...article, standfirst: '<!-- x -->' }, site));
    expect(out).not.toContain('<');
    expect(out).not.toContain('>');
    expect(out.toLowerCase()).not.toContain('</script');
    expect(out).toContain('\\u003c/script\\u003e');
  });

  it('stays valid JSON that round-trips', () => {
    const value = { a: '</script>&<b>', b: 'line\u2028sep\u2029', c: [1, 'ü'] };
    expect(JSON.parse(serializeJsonLd(value))).toEqual(value);
    expect(serializeJsonLd(value)).not.toMatch(/[\u2028\u2029&]/);
  });
});

describe('metadata', () => {
  it('article metadata has canonical, Open Graph article fields and a large Twitter card', () => {
    const m = articleMetadata(article, { url: 'https://news.example', name: 'The Ledger' });
    expect(m.alternates?.canonical).toBe('https://news.example/articles/ferry-returns');
    expect(m.description).toBe('A & B <b>');
    const og = m.openGraph as Record<string, unknown>;
    expect(og.type).toBe('article');
    expect(og.url).toBe('https://news.example/articles/ferry-returns');
    expect(og.publishedTime).toBe('2026-01-02T10:00:00.000Z');
    expect(og.modifiedTime).toBe('2026-01-03T10:00:00.000Z');
    expect(og.section).toBe('City Hall');
    expect(og.tags).toEqual(['River', 'Transport']);
    expect(og.authors).toEqual(['https://news.example/authors/ana-ruiz', 'https://news.example/authors/tom-okafor']);
    expect(og.images).toEqual([{ url: 'https://news.example/demo/images/ferry.svg', alt: 'A ferry', width: 1200, height: 675 }]);
    expect((m.twitter as Record<string, unknown>).card).toBe('summary_large_image');
  });

  it('page metadata has an absolute canonical', () => {
    const m = pageMetadata({ siteUrl: 'https://news.example/', siteName: 'L', path: '/sections/x', title: 'X', description: 'd' });
    expect(m.alternates?.canonical).toBe('https://news.example/sections/x');
    expect((m.openGraph as Record<string, unknown>).url).toBe('https://news.example/sections/x');
  });
});
