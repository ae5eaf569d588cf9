import type { MetadataRoute } from 'next';
import { getSitemapData } from '@/lib/articles/queries';
import { siteUrl } from '@/lib/config/site';
import { LOCALES, localePath, type Locale } from '@/lib/i18n/locales';

// Cached; regenerated every 5 minutes or via revalidateArticlePaths.
export const revalidate = 300;

type Entry = MetadataRoute.Sitemap[number];

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = siteUrl().replace(/\/+$/, '');
  const data = await getSitemapData();
  const newest = data.articles[0]?.updatedAt;
  const url = (locale: Locale, path: string) => `${base}${localePath(locale, path)}`;
  const dated = (
    loc: string,
    lastModified: Date | null | undefined,
    priority: number,
    changeFrequency: 'hourly' | 'daily' | 'weekly',
    languages: Record<string, string>,
  ): Entry => ({
    url: loc,
    ...(lastModified ? { lastModified } : {}),
    changeFrequency,
    priority,
    alternates: { languages },
  });
  /** A page that exists in every language: one entry per language, each naming all of them. */
  const everyLanguage = (path: string, lastModified: Date | null | undefined, priority: number, freq: 'hourly' | 'daily' | 'weekly') => {
    const languages = Object.fromEntries(LOCALES.map((l) => [l, url(l, path)]));
    return LOCALES.map((l) => dated(url(l, path), lastModified, priority, freq, languages));
  };
  return [
    ...everyLanguage('/', newest, 1, 'hourly'),
    ...data.sections.flatMap((s) => everyLanguage(`/sections/${s.slug}`, s.lastModified, 0.8, 'daily')),
    // An article is listed once, at the address in its own language, with its translations as alternates.
    ...data.articles.map((a) => {
      const languages = Object.fromEntries(
        [{ slug: a.slug, locale: a.locale }, ...a.counterparts].map((c) => [c.locale, url(c.locale, `/articles/${c.slug}`)]),
      );
      return dated(url(a.locale, `/articles/${a.slug}`), a.updatedAt, 0.7, 'weekly', languages);
    }),
    ...data.tags.flatMap((t) => everyLanguage(`/tags/${t.slug}`, t.lastModified, 0.4, 'weekly')),
    ...data.authors.flatMap((a) => everyLanguage(`/authors/${a.slug}`, a.lastModified, 0.4, 'weekly')),
  ];
}
