/**
 * On-demand ISR invalidation for reader pages. The desk calls this (from a Server Action or Route
 * Handler) after creating, editing, publishing, scheduling or unpublishing an article. Pass the
 * section/tag/author slugs the article had BEFORE and AFTER the edit so pages it left are refreshed too.
 *
 * Invalidated paths are regenerated on their next visit, so this is cheap.
 */
import { revalidatePath } from 'next/cache';

export function articlePathsToRevalidate(
  slug: string,
  sectionSlug?: string | null,
  tagSlugs: readonly string[] = [],
  authorSlugs: readonly string[] = [],
): string[] {
  const paths = new Set<string>(['/', `/articles/${slug}`, '/sitemap.xml', '/feed.xml']);
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
): void {
  for (const path of articlePathsToRevalidate(slug, sectionSlug, tagSlugs, authorSlugs)) revalidatePath(path);
  // Later pages of the listings (/sections/x/page/2 …) shift when an article is added or removed.
  revalidatePath('/sections/[slug]/page/[page]', 'page');
  revalidatePath('/tags/[slug]/page/[page]', 'page');
  revalidatePath('/authors/[slug]/page/[page]', 'page');
}

/**
 * Pages that show the open round: the home page's module, the topic pages, the article pages' round
 * slot and end-of-article call, /transparency. Called when a round is saved, opened or closed and when
 * its topics change; votes between those are picked up by the home page's 60-second revalidation.
 */
export function revalidateRoundPages(): void {
  revalidatePath('/');
  revalidatePath('/topics', 'layout');
  revalidatePath('/transparency');
  revalidatePath('/articles/[slug]', 'page');
}
