/**
 * On-demand ISR invalidation for reader pages. The desk calls this (from a Server Action or Route
 * Handler) after creating, editing, publishing, scheduling or unpublishing an article. Pass the
 * section/tag/author slugs the article had BEFORE and AFTER the edit so pages it left are refreshed too.
 *
 * Invalidated paths are regenerated on their next visit, so this is cheap.
 */
import { revalidatePath } from 'next/cache';
import { LOCALES, splitLocalePath } from '@/lib/i18n/locales';
import { cachedReaderPath, hasOwnEnglishFolder } from '@/lib/i18n/routes';

/**
 * Reader pages live under app/[locale]: their cached paths are /en/… and /uk/… (unprefixed English
 * URLs are rewrites of /en/…), except English pages with their own folder (app/(english): /articles/x).
 * "/topics" → ["/en/topics", "/uk/topics"]; route patterns get "/[locale]".
 */
export function inEveryLocale(path: string): string[] {
  return LOCALES.map((l) => cachedReaderPath(l, path));
}

/** revalidatePath for the page behind a public URL ("/uk/topics/x" or "/topics/x"), in its own language only. */
export function revalidatePublicPath(publicPath: string): void {
  const { locale, path } = splitLocalePath(publicPath);
  revalidatePath(cachedReaderPath(locale, path));
}

/**
 * revalidatePath for a reader page in every language. A route pattern ("/sections/[slug]/page/[page]")
 * or a layout names files, and Next's implicit tags spell the route's folders with their groups
 * ("/[locale]/(site)/sections/[slug]/page/[page]/page", "/[locale]/layout"): a pattern or layout
 * without them matched no page at all.
 */
export function revalidateReaderPath(path: string, type?: 'page' | 'layout'): void {
  if (path === '/' && type === 'layout') {
    revalidatePath('/[locale]', 'layout');
    revalidatePath('/(english)', 'layout');
  } else if (path.includes('[') || type === 'layout') {
    revalidatePath(`/[locale]/(site)${path}`, type);
    if (hasOwnEnglishFolder(path)) revalidatePath(`/(english)/(site)${path}`, type);
  } else for (const p of inEveryLocale(path)) revalidatePath(p, type);
}

export function articlePathsToRevalidate(
  slug: string,
  sectionSlug?: string | null,
  tagSlugs: readonly string[] = [],
  authorSlugs: readonly string[] = [],
  counterpartSlugs: readonly string[] = [],
): string[] {
  const paths = new Set<string>(['/', `/articles/${slug}`, '/feed.xml']);
  // The same story in other languages names this one in its hreflang alternates.
  for (const c of counterpartSlugs) paths.add(`/articles/${c}`);
  if (sectionSlug) paths.add(`/sections/${sectionSlug}`);
  for (const t of tagSlugs) paths.add(`/tags/${t}`);
  for (const a of authorSlugs) paths.add(`/authors/${a}`);
  return [...paths];
}

export function revalidateArticlePaths(
  slug: string,
  sectionSlug?: string | null,
  tagSlugs: readonly string[] = [],
  authorSlugs: readonly string[] = [],
  counterpartSlugs: readonly string[] = [],
): void {
  for (const path of articlePathsToRevalidate(slug, sectionSlug, tagSlugs, authorSlugs, counterpartSlugs)) revalidateReaderPath(path);
  revalidatePath('/sitemap.xml');
  // Later pages of the listings (/sections/x/page/2 …) shift when an article is added or removed.
  revalidateReaderPath('/sections/[slug]/page/[page]', 'page');
  revalidateReaderPath('/tags/[slug]/page/[page]', 'page');
  revalidateReaderPath('/authors/[slug]/page/[page]', 'page');
}

/**
 * Pages that show the open round: the home page's module, the topic pages, the article pages' round
 * slot and end-of-article call, /transparency. Called when a round is saved, opened or closed and when
 * its topics change; votes between those are picked up by the home page's 60-second revalidation.
 */
export function revalidateRoundPages(): void {
  revalidateReaderPath('/');
  revalidateReaderPath('/topics', 'layout');
  revalidateReaderPath('/transparency');
  revalidateReaderPath('/articles/[slug]', 'page');
}
