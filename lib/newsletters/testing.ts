/** Test helpers for newsletters. */
import type { PrismaClient } from '@/lib/generated/prisma/client';

const rnd = () => Math.random().toString(36).slice(2, 10);

export async function makeArticle(db: PrismaClient, over: { title?: string; body?: string } = {}) {
  const tag = rnd();
  const section = await db.section.create({ data: { slug: `s-${tag}`, name: `Section ${tag}` } });
  return db.article.create({
    data: {
      slug: `story-${tag}`,
      title: over.title ?? `Ferry returns ${tag}`,
      standfirst: 'The council voted.',
      body: over.body ?? 'The council voted **yes**.\n\nMore to follow.',
      sectionId: section.id,
      status: 'PUBLISHED',
      publishedAt: new Date(Date.now() - 60_000),
    },
  });
}

export async function makeNewsletter(db: PrismaClient, audience: 'EVERYONE' | 'PATRONS' = 'EVERYONE') {
  const tag = rnd();
  return db.newsletter.create({
    data: {
      slug: `letter-${tag}`,
      name: `Letter ${tag}`,
      description: 'A test newsletter.',
      cadence: 'weekly',
      audience,
      senderName: 'The Desk',
    },
  });
}

export async function confirmedSubscriber(db: PrismaClient, newsletterId: string, email: string, userId: string | null = null) {
  return db.newsletterSubscription.create({
    data: { newsletterId, email: email.toLowerCase(), userId, status: 'CONFIRMED', confirmedAt: new Date(), source: 'footer' },
  });
}
