/**
 * The win-back email: `winbackDays` (staff setting) after a membership that was cancelled through the
 * app ended, one email to the former patron unless they became a patron again meanwhile. Run by the
 * `scheduled.retention` cron job (lib/jobs/queues.ts) on one node per tick; each email has a dedupe
 * key (`winback:<request>`), so overlapping runs never send it twice.
 */
import { localePath, toLocale } from '@/lib/i18n/locales';
import { getDb } from '@/lib/db/client';
import { getQueue } from '@/lib/jobs/queue';
import { sendEmail } from '@/lib/mail/send';
import { siteName, siteUrl } from '@/lib/config/site';
import { patronStatus } from '@/lib/billing/patron-status';
import { getRetentionSettings } from './settings';
import { winbackEmail } from './templates';
import { purgeCancelTokens } from './links';

const DAY = 86_400_000;

export async function sendWinbackEmails(now: Date = new Date()): Promise<{ sent: number; skipped: number }> {
  const settings = await getRetentionSettings();
  if (settings.winbackDays <= 0) return { sent: 0, skipped: 0 };
  const db = await getDb();
  const cutoff = new Date(now.getTime() - settings.winbackDays * DAY);
  // Cancelled through the app, not yet written to, and the subscription ended at least winbackDays ago.
  const due = await db.cancellationRequest.findMany({
    where: { outcome: 'canceled', winbackSentAt: null },
    select: { id: true, userId: true, subscriptionId: true, user: { select: { email: true, name: true, locale: true } } },
    orderBy: { createdAt: 'asc' },
    take: 500,
  });
  let sent = 0;
  let skipped = 0;
  for (const r of due) {
    const sub = await db.subscription.findUnique({ where: { id: r.subscriptionId }, select: { endedAt: true } });
    if (!sub?.endedAt || sub.endedAt > cutoff) continue;
    if ((await patronStatus(r.userId, now)).isPatron) {
      await db.cancellationRequest.update({ where: { id: r.id }, data: { winbackSentAt: now } });
      skipped++;
      continue;
    }
    const locale = toLocale(r.user.locale);
    const mail = winbackEmail({
      siteName: siteName(),
      name: r.user.name,
      supportUrl: `${siteUrl()}${localePath(locale, '/support')}?from=winback&placement=email`,
      locale,
    });
    await getQueue();
    await db.$transaction(async (tx) => {
      await sendEmail({ to: r.user.email, ...mail, kind: 'winback', userId: r.userId, dedupeKey: `winback:${r.id}` }, { tx });
      await tx.cancellationRequest.update({ where: { id: r.id }, data: { winbackSentAt: now } });
    });
    sent++;
  }
  return { sent, skipped };
}

/** The retention job: win-back emails, then spent cancel links. */
export async function runRetentionJob(now: Date = new Date()) {
  const winback = await sendWinbackEmails(now);
  const purgedLinks = await purgeCancelTokens(now);
  return { ...winback, purgedLinks };
}
