/** What the desk shows about newsletters and issues. */
import { getDb } from '@/lib/db/client';
import { visibleArticleWhere } from '@/lib/articles/queries';

export async function subscriberCounts(): Promise<Map<string, { confirmed: number; pending: number }>> {
  const db = await getDb();
  const rows = await db.newsletterSubscription.groupBy({
    by: ['newsletterId', 'status'],
    where: { status: { in: ['CONFIRMED', 'PENDING'] } },
    _count: { _all: true },
  });
  const out = new Map<string, { confirmed: number; pending: number }>();
  for (const r of rows) {
    const c = out.get(r.newsletterId) ?? { confirmed: 0, pending: 0 };
    if (r.status === 'CONFIRMED') c.confirmed = r._count._all;
    else c.pending = r._count._all;
    out.set(r.newsletterId, c);
  }
  return out;
}

export async function issuesOf(newsletterId: string) {
  const db = await getDb();
  return db.newsletterIssue.findMany({
    where: { newsletterId },
    orderBy: { createdAt: 'desc' },
    take: 50,
    select: { id: true, subject: true, status: true, scheduledFor: true, startedAt: true, finishedAt: true, createdAt: true },
  });
}

export async function getIssue(id: string) {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return null;
  const db = await getDb();
  return db.newsletterIssue.findUnique({ where: { id }, include: { newsletter: { select: { id: true, name: true, audience: true } } } });
}

/** The latest published articles, for the issue form (one for an article, several for a digest). */
export async function articlesToSend(take = 30) {
  const db = await getDb();
  return db.article.findMany({
    where: visibleArticleWhere(),
    orderBy: { publishedAt: 'desc' },
    take,
    select: { id: true, title: true, publishedAt: true },
  });
}

const ISSUE_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;

/** An issue's status as a catalogue key (deskAudience.newsletters.status.*); an unknown one reads as a draft. */
export function issueStatus(status: string): (typeof ISSUE_STATUSES)[number] {
  const s = status.toLowerCase();
  return (ISSUE_STATUSES as readonly string[]).includes(s) ? (s as (typeof ISSUE_STATUSES)[number]) : 'draft';
}
