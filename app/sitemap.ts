import type { MetadataRoute } from 'next';
import { getSitemapData } from '@/lib/articles/queries';
import { siteUrl } from '@/lib/config/site';

// Cached; regenerated every 5 minutes or via revalidateArticlePaths.
export const revalidate = 300;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = siteUrl();
  const data = await getSitemapData();
  const newest = data.articles[0]?.updatedAt;
  const dated = (url: string, lastModified: Date | null | undefined, priority: number, changeFrequency: 'hourly' | 'daily' | 'weekly') => ({
    url,
    ...(lastModified ? { lastModified } : {}),
    changeFrequency,
    priority,
  });
  return [
    dated(`${base}/`, newest, 1, 'hourly'),
    ...data.sections.map((s) => dated(`${base}/sections/${s.slug}`, s.lastModified, 0.8, 'daily')),
    ...data.articles.map((a) => dated(`${base}/articles/${a.slug}`, a.updatedAt, 0.7, 'weekly')),
    ...data.tags.map((t) => dated(`${base}/tags/${t.slug}`, t.lastModified, 0.4, 'weekly')),
    ...data.authors.map((a) => dated(`${base}/authors/${a.slug}`, a.lastModified, 0.4, 'weekly')),
  ];
}
