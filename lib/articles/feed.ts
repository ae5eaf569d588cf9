/** RSS 2.0 for /feed.xml (English) and /<locale>/feed.xml (every other language). */
import { DEFAULT_LOCALE, localePath, type Locale } from '@/lib/i18n/locales';
import type { FeedItem } from './queries';
import { renderMarkdown } from './markdown';

/** Escapes text for XML element content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(value: string): string {
  return value
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function buildRssFeed(opts: {
  siteUrl: string;
  title: string;
  description: string;
  items: FeedItem[];
  now?: Date;
  fullContent?: boolean;
  /** The feed's language: its <language>, its own address and the front page it links to. */
  locale?: Locale;
}): string {
  const base = opts.siteUrl.replace(/\/+$/, '');
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const lastBuild = opts.items[0]?.updatedAt ?? opts.now ?? new Date();
  const items = opts.items
    .map((a) => {
      const link = `${base}${localePath(a.locale ?? locale, `/articles/${a.slug}`)}`;
      const parts = [
        `<title>${escapeXml(a.title)}</title>`,
        `<link>${escapeXml(link)}</link>`,
        `<guid isPermaLink="true">${escapeXml(link)}</guid>`,
        `<pubDate>${a.publishedAt.toUTCString()}</pubDate>`,
        a.standfirst ? `<description>${escapeXml(a.standfirst)}</description>` : '',
        ...a.authors.map((au) => `<dc:creator>${escapeXml(au.name)}</dc:creator>`),
        `<category>${escapeXml(a.section.name)}</category>`,
        ...a.tags.map((t) => `<category>${escapeXml(t.name)}</category>`),
        opts.fullContent === false ? '' : `<content:encoded>${escapeXml(renderMarkdown(a.body))}</content:encoded>`,
      ].filter(Boolean);
      return `<item>${parts.join('')}</item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${escapeXml(opts.title)}</title>
<link>${escapeXml(`${base}${localePath(locale, '/')}`)}</link>
<description>${escapeXml(opts.description)}</description>
<language>${locale}</language>
<lastBuildDate>${lastBuild.toUTCString()}</lastBuildDate>
<atom:link href="${escapeXml(`${base}${localePath(locale, '/feed.xml')}`)}" rel="self" type="application/rss+xml"/>
${items}
</channel>
</rss>
`;
}
