import { getDb } from '@/lib/db/client';
import { visibleArticleWhere } from '@/lib/articles/queries';
import { onArticlePublished } from './topics';

/**
 * Closes the loop for articles that went live on their own (scheduled ones): every live article still
 * linked to a COMMISSIONED topic is treated as just published, so the topic becomes PUBLISHED and its
 * voters get their one email. Idempotent; run every minute by instrumentation.ts.
 */
export async function closeLoopForLiveArticles(now = new Date()): Promise<{ articles: number; notified: number }> {
  const db = await getDb();
  const articles = await db.article.findMany({
    where: { ...visibleArticleWhere(now), topics: { some: { topic: { status: 'COMMISSIONED' } } } },
    select: { id: true },
  });
  let notified = 0;
  for (const a of articles) notified += (await onArticlePublished(a.id, { now })).notified;
  return { articles: articles.length, notified };
}
