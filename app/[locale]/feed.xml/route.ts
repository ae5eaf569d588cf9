import { listFeedArticles } from '@/lib/articles/queries';
import { buildRssFeed } from '@/lib/articles/feed';
import { siteDescription, siteName, siteUrl } from '@/lib/config/site';
import { pageLocale } from '@/lib/i18n/page-locale';
import { LOCALES } from '@/lib/i18n/locales';

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

// Cached like a static page; regenerated every 5 minutes or via revalidateArticlePaths.
export const revalidate = 300;

/** /feed.xml lists the English articles, /uk/feed.xml the Ukrainian ones: one feed per language. */
export async function GET(_req: Request, { params }: { params: Promise<{ locale: string }> }): Promise<Response> {
  const locale = await pageLocale(params);
  const items = await listFeedArticles(50, new Date(), locale);
  const xml = buildRssFeed({ siteUrl: siteUrl(), title: siteName(), description: siteDescription(), items, locale });
  return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
}
