'use server';

import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { saveArticle, unpublishArticle, type CommandResult } from '@/lib/articles/commands';
import { articleFormValues, type ArticleFormValues, type FieldErrors } from '@/lib/articles/validation';
import { revalidateArticlePaths } from '@/lib/articles/revalidate';
import { onArticlePublished } from '@/lib/voting/topics';

export type ArticleFormState = { values: ArticleFormValues | null; errors: FieldErrors };

/** After a change: refresh the cached pages, and if the article is now live, close the loop for the
 * topics it was commissioned from (their voters get one email each; idempotent). */
async function afterChange(result: CommandResult) {
  if (!result.ok) return;
  for (const t of result.revalidate) revalidateArticlePaths(t.slug, t.sectionSlug, t.tagSlugs, t.authorSlugs, t.counterpartSlugs);
  if (result.article.status === 'PUBLISHED') await onArticlePublished(result.article.id);
}

const idOf = (fd: FormData) => {
  const v = fd.get('id');
  return typeof v === 'string' && v ? v : undefined;
};

/** Create or update from the edit form. Invalid input: nothing saved, errors and typed values back. */
export async function saveArticleAction(_prev: ArticleFormState, fd: FormData): Promise<ArticleFormState> {
  const id = idOf(fd);
  await requireRole('EDITOR', { callbackUrl: id ? `/desk/articles/${id}` : '/desk/articles/new' });
  const values = articleFormValues(fd);
  const result = await saveArticle({ id, values, intent: fd.get('intent') });
  if (!result.ok) return { values, errors: result.errors };
  await afterChange(result);
  redirect(`/desk/articles/${result.article.id}?${new URLSearchParams({ done: result.message })}`);
}

export async function unpublishArticleAction(fd: FormData): Promise<void> {
  const id = idOf(fd);
  await requireRole('EDITOR', { callbackUrl: id ? `/desk/articles/${id}` : '/desk' });
  const result = await unpublishArticle(id);
  await afterChange(result);
  const q: Record<string, string> = result.ok
    ? { done: result.message }
    : { failed: Object.values(result.errors)[0] ?? 'Could not unpublish.' };
  redirect(id ? `/desk/articles/${id}?${new URLSearchParams(q)}` : '/desk');
}
