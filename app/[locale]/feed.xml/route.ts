import { listFeedArticles } from '@/lib/articles/queries';
import { buildRssFeed } from '@/lib/articles/feed';
import { siteDescription, siteName, siteUrl } from '@/lib/config/site';

import { LOCALES } from '@/lib/i18n/locales';

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

// Cached like a static page; regenerated every 5 minutes or via revalidateArticlePaths.
export const revalidate = 300;

export async function GET(): Promise<Response> {
  const items = await listFeedArticles(50);
  const xml = buildRssFeed({ siteUrl: siteUrl(), title: siteName(), description: siteDescription(), items });
  return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
}
