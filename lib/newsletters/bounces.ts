/**
 * Bounces and complaints, reported by the mail provider at POST /api/newsletters/bounces (README,
 * "Newsletters"). A complaint (the reader marked us as spam) unsubscribes the address from every
 * newsletter and suppresses it at once; hard bounces are counted and, from NEWSLETTER_HARD_BOUNCE_LIMIT
 * on, suppress the address; soft bounces are only counted. Suppressed addresses get no newsletter.
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { hardBounceLimit } from './settings';
import { normaliseEmail } from './subscriptions';

export const bounceEvent = z.object({
  type: z.enum(['hard-bounce', 'soft-bounce', 'complaint'], { message: 'type is hard-bounce, soft-bounce or complaint.' }),
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ error: 'email must be an email address.' })),
});
export const bounceBody = z.union([bounceEvent, z.object({ events: z.array(bounceEvent).min(1).max(500) })]);
export type BounceEvent = z.infer<typeof bounceEvent>;

export async function recordBounceEvents(
  events: BounceEvent[],
  { now = new Date() }: { now?: Date } = {},
): Promise<{ suppressed: string[] }> {
  const db = await getDb();
  const limit = hardBounceLimit();
  const suppressed: string[] = [];
  for (const e of events) {
    const email = normaliseEmail(e.email);
    const inc = {
      hardBounces: e.type === 'hard-bounce' ? 1 : 0,
      softBounces: e.type === 'soft-bounce' ? 1 : 0,
      complaints: e.type === 'complaint' ? 1 : 0,
    };
    const row = await db.emailSuppression.upsert({
      where: { email },
      create: { email, ...inc, lastEventAt: now },
      update: {
        hardBounces: { increment: inc.hardBounces },
        softBounces: { increment: inc.softBounces },
        complaints: { increment: inc.complaints },
        lastEventAt: now,
      },
    });
    if (!row.suppressedAt && (row.complaints > 0 || row.hardBounces >= limit)) {
      await db.emailSuppression.update({ where: { email }, data: { suppressedAt: now } });
      suppressed.push(email);
    }
    if (e.type === 'complaint') {
      await db.newsletterSubscription.updateMany({
        where: { email, status: { not: 'UNSUBSCRIBED' } },
        data: { status: 'UNSUBSCRIBED', unsubscribedAt: now },
      });
    }
  }
  return { suppressed };
}

export async function isSuppressed(email: string): Promise<boolean> {
  const db = await getDb();
  const row = await db.emailSuppression.findUnique({ where: { email: normaliseEmail(email) }, select: { suppressedAt: true } });
  return Boolean(row?.suppressedAt);
}
