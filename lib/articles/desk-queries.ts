/** Read models for the article desk (all statuses, never cached). */
import { getDb } from '@/lib/db/client';
import type { ArticleStatus } from './commands';

export const DESK_PAGE_SIZE = 20;

export async function listDeskArticles({ status, q, page = 1 }: { status?: ArticleStatus; q?: string; page?: number }) {
  const db = await getDb();
  const where = {
    ...(status ? { status } : {}),
    ...(q ? { title: { contains: q, mode: 'insensitive' as const } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.article.count({ where }),
    db.article.findMany({
      where,
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * DESK_PAGE_SIZE,
      take: DESK_PAGE_SIZE,
      select: { id: true, slug: true, title: true, status: true, publishedAt: true, updatedAt: true, section: { select: { name: true } } },
    }),
  ]);
  return { total, rows, page, pages: Math.max(1, Math.ceil(total / DESK_PAGE_SIZE)) };
}

export async function getDeskArticle(id: string) {
  const db = await getDb();
  return db.article.findUnique({
    where: { id },
    include: {
      section: { select: { slug: true } },
      authors: { orderBy: { position: 'asc' }, select: { authorId: true } },
      tags: { select: { tag: { select: { name: true } } } },
      translationOf: { select: { slug: true } },
    },
  });
}

export async function deskFormOptions() {
  const db = await getDb();
  const [sections, authors] = await Promise.all([
    db.section.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }], select: { id: true, name: true } }),
    db.author.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { sections, authors };
}
