'use server';

import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { saveArticle, unpublishArticle, type CommandResult } from '@/lib/articles/commands';
import { articleFormValues, type ArticleFormValues, type FieldErrors } from '@/lib/articles/validation';
import { revalidateArticlePaths } from '@/lib/articles/revalidate';
import { onArticlePublished } from '@/lib/voting/topics';
import { staffLocale } from '@/lib/i18n/staff-locale';
import { say, sayFields, sentence, type Sentence } from '@/lib/i18n/sentence';

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
  const locale = await staffLocale();
  // In the editor's language.
  if (!result.ok) return { values, errors: sayFields(locale, result.sentences as Record<string, Sentence>) };
  await afterChange(result);
  redirect(`/desk/articles/${result.article.id}?${new URLSearchParams({ done: say(locale, result.said) })}`);
}

export async function unpublishArticleAction(fd: FormData): Promise<void> {
  const id = idOf(fd);
  await requireRole('EDITOR', { callbackUrl: id ? `/desk/articles/${id}` : '/desk' });
  const result = await unpublishArticle(id);
  await afterChange(result);
  const locale = await staffLocale();
  const q: Record<string, string> = result.ok
    ? { done: say(locale, result.said) }
    : { failed: say(locale, Object.values(result.sentences)[0] ?? sentence('desk.articles.errors.couldNotUnpublish')) };
  redirect(id ? `/desk/articles/${id}?${new URLSearchParams(q)}` : '/desk');
}
