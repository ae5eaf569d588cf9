/**
 * Emailing a topic update to its followers, in the background: posting the update queues a
 * `topic.update-notify` job in the same transaction, and the job runs `notifyTopicFollowers`; a run cut
 * short (a crash, a restart) fails the job, whose retry finishes it, so none is lost.
 *
 * Once per follower and update, however often and however concurrently this runs: every email claims
 * the Email.dedupeKey `topic-update:<update>:<user>` before it is sent (lib/mail transport). The update
 * is marked `notifiedAt` once every follower has been handled.
 */
import { getDb } from '@/lib/db/client';
import { siteName, siteUrl } from '@/lib/config/site';
import { sendEmail } from '@/lib/mail/send';
import { topicUpdateEmail } from '@/lib/mail/voting-templates';
import { patronStatus } from '@/lib/billing/patron-status';
import { supportHref } from '@/lib/articles/support-links';
import { parseId } from './votes';
import type { Stage } from './progress';
import { localized } from '@/lib/i18n/content';
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { topicEmailStopToken, topicFollowers } from './follows';

export type NotifyResult = { sent: number; followers: number; alreadyDone: boolean };

export async function notifyTopicFollowers(updateIdIn: string, { now = new Date() }: { now?: Date } = {}): Promise<NotifyResult> {
  const updateId = parseId(updateIdIn, 'update');
  const db = await getDb();
  const update = await db.topicUpdate.findUnique({
    where: { id: updateId },
    select: {
      id: true,
      body: true,
      translations: true,
      notifiedAt: true,
      topic: { select: { id: true, title: true, stage: true, translations: true, round: { select: { slug: true } } } },
    },
  });
  if (!update) return { sent: 0, followers: 0, alreadyDone: true };
  if (update.notifiedAt) return { sent: 0, followers: 0, alreadyDone: true };
  const { topic } = update;
  const base = siteUrl().replace(/\/+$/, '');
  const followers = await topicFollowers(topic.id);
  let sent = 0;
  for (const f of followers) {
    // In the follower's language: their links keep its prefix (/uk/topics/…).
    const locale = toLocale(f.locale);
    const topicUrl = `${base}${localePath(locale, `/topics/${topic.round.slug}/${topic.id}`)}`;
    const stopUrl = `${base}${localePath(locale, '/topic-emails/stop')}?token=${topicEmailStopToken(f.id)}`;
    const stages = translator(locale, 'voting.progress');
    // Followers who are not patrons (anymore) are told how to have a say in the next round.
    const patron = await patronStatus(f.id, now);
    const mail = topicUpdateEmail({
      siteName: siteName(),
      name: f.name,
      topicTitle: localized(topic.translations, locale, 'title', topic.title),
      stageLabel: stages(`stage.${(topic.stage ?? 'COMMISSIONED') as Stage}`),
      body: localized(update.translations, locale, 'body', update.body),
      topicUrl,
      stopUrl,
      because: f.because,
      supportUrl: patron.isPatron ? null : `${base}${localePath(locale, supportHref('topics', null, topic.round.slug))}`,
      locale,
    });
    const result = await sendEmail({
      to: f.email,
      userId: f.id,
      kind: 'voting-topic-update',
      ...mail,
      dedupeKey: `topic-update:${update.id}:${f.id}`,
      // RFC 8058 one-click: mail clients POST to this address to stop topic emails.
      headers: {
        'List-Unsubscribe': `<${base}/api/topic-emails/stop?token=${topicEmailStopToken(f.id)}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    if (!result.duplicate) sent++;
  }
  await db.topicUpdate.updateMany({ where: { id: update.id, notifiedAt: null }, data: { notifiedAt: now } });
  return { sent, followers: followers.length, alreadyDone: false };
}
