/**
 * Issues: an article (or a digest of several) sent to a newsletter's confirmed subscribers.
 *
 * Starting an issue writes ONE DELIVERY ROW PER RECIPIENT (unique on issue + address) in the same
 * transaction as the first `newsletter.send-batch` job. Each batch job claims up to
 * NEWSLETTER_BATCH_SIZE pending rows (FOR UPDATE SKIP LOCKED, so several workers share an issue),
 * renders the issue once, and hands the messages over in small chunks: a chunk's rows are marked
 * `sending` before the SMTP hand-over and `sent` after it. Then it queues the next batch, delayed by
 * the throttle (NEWSLETTER_MAX_PER_MINUTE). After a crash:
 *  - `claimed` rows (never handed over) go back to `pending` and are sent by the next batch;
 *  - `sending` rows (the worker died while handing them over: they may have gone out) become
 *    `unknown` and are never sent again, so nobody gets an issue twice. At most one chunk is in doubt
 *    per crashed worker; the desk shows how many.
 * A failed batch job is retried by pg-boss; the minute tick (`newsletter.tick`) also restarts an issue
 * whose batches stopped, and starts scheduled issues when their time comes.
 *
 * Patrons-only letters go only to readers `patronStatus` (lib/billing/patron-status.ts) says are
 * patrons AT SEND TIME; others' rows are marked `skipped`. Suppressed addresses (hard bounces,
 * complaints) and readers who unsubscribed after the start are skipped too.
 */
import { DEFAULT_LOCALE, localePath, toLocale, type Locale } from '@/lib/i18n/locales';
import { localized, translationsSchema } from '@/lib/i18n/content';
import { coded } from '@/lib/i18n/said';
import { sentence } from '@/lib/i18n/sentence';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getDb, getSql } from '@/lib/db/client';
import { enqueue, getQueue } from '@/lib/jobs/queue';
import { siteName, siteUrl, mailToOutbox } from '@/lib/config/site';
import { patronStatus } from '@/lib/billing/patron-status';
import { renderMarkdown } from '@/lib/articles/markdown';
import { visibleArticleWhere } from '@/lib/articles/queries';
import { supportHref } from '@/lib/articles/support-links';
import { emailFrom, sendSmtp } from '@/lib/mail/transport';
import { sendEmail } from '@/lib/mail/send';
import { newsletterToken } from './tokens';
import { personalise, renderIssue, unsubscribeUrlOf, type IssueContent, type RenderedIssue } from './email';
import { batchSize, CLAIM_TIMEOUT_SECONDS, maxPerMinute } from './settings';
import { invalidInput, NewsletterError } from './newsletters';
import { localizedNewsletter } from './localized';
import { textField } from '@/lib/i18n/text-field';

/** Messages handed to SMTP at once; also the most a crash can leave in doubt. */
const CHUNK = 10;

const oneLine = (s: string) => !/[\r\n]/.test(s);

// Messages are catalogue sentences coded with lib/i18n/said.ts: the desk says them in the staff member's language.
export const issueInput = z.object({
  newsletterId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, coded(sentence('deskAudience.newsletters.errors.newsletter'))),
  subject: textField({
    min: [3, sentence('deskAudience.newsletters.errors.subject')],
    max: [200, sentence('deskAudience.newsletters.errors.subject')],
  }).refine(oneLine, coded(sentence('deskAudience.newsletters.errors.subjectLine'))),
  intro: textField({ max: [5000, sentence('deskAudience.newsletters.errors.intro')] }).default(''),
  articleIds: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/))
    .min(1, coded(sentence('deskAudience.newsletters.errors.articles')))
    .max(20, coded(sentence('deskAudience.newsletters.errors.digest'))),
  /** Other languages' subject and introduction ({ uk: { subject, intro } }); recipients in that language get them. */
  translations: translationsSchema
    .refine(
      (t) => Object.values(t).every((f) => (f.subject ?? '').length <= 200 && oneLine(f.subject ?? '')),
      coded(sentence('deskAudience.newsletters.errors.subjectUk')),
    )
    .refine((t) => Object.values(t).every((f) => (f.intro ?? '').length <= 5000), coded(sentence('deskAudience.newsletters.errors.intro')))
    .optional(),
});

export async function createIssue(input: unknown, createdById: string | null): Promise<string> {
  const parsed = issueInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { translations, ...data } = parsed.data;
  const db = await getDb();
  const newsletter = await db.newsletter.findUnique({ where: { id: data.newsletterId }, select: { id: true } });
  if (!newsletter) throw new NewsletterError('UNKNOWN_NEWSLETTER', sentence('newsletters.errors.unknown'));
  const found = await db.article.findMany({ where: { id: { in: data.articleIds }, ...visibleArticleWhere() }, select: { id: true } });
  if (found.length !== new Set(data.articleIds).size)
    throw new NewsletterError('UNKNOWN_ARTICLE', sentence('deskAudience.newsletters.errors.unpublished'));
  const issue = await db.newsletterIssue.create({
    data: {
      ...data,
      articleIds: [...new Set(data.articleIds)],
      createdById,
      ...(translations && Object.keys(translations).length ? { translations } : {}),
    },
    select: { id: true },
  });
  return issue.id;
}

/** Published articles of the last `days` days, newest first (the desk's digest picker). */
export async function recentArticles({ days = 7, take = 30 }: { days?: number; take?: number } = {}) {
  const db = await getDb();
  const since = new Date(Date.now() - days * 86_400_000);
  return db.article.findMany({
    where: { ...visibleArticleWhere(), publishedAt: { gte: since } },
    orderBy: { publishedAt: 'desc' },
    take,
    select: { id: true, title: true, slug: true, publishedAt: true },
  });
}

/**
 * The issue's content in `locale`, from the database now (articles in the chosen order): the subject,
 * introduction and newsletter name in that language when the desk wrote them (else the English), and
 * the email's own words (footer, links) in that language.
 */
export async function issueContent(
  issueId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<IssueContent & { newsletterId: string; audience: string; senderName: string }> {
  const db = await getDb();
  const issue = await db.newsletterIssue.findUnique({ where: { id: issueId }, include: { newsletter: true } });
  if (!issue) throw new NewsletterError('UNKNOWN_ISSUE', sentence('deskAudience.newsletters.errors.unknownIssue'));
  const select = { id: true, slug: true, title: true, standfirst: true, body: true, locale: true, translationOfId: true } as const;
  const rows = await db.article.findMany({ where: { id: { in: issue.articleIds } }, select });
  // A reader in another language gets an article's published translation into it, when there is one.
  const translated =
    locale === DEFAULT_LOCALE
      ? []
      : await db.article.findMany({ where: { translationOfId: { in: issue.articleIds }, locale, ...visibleArticleWhere() }, select });
  const byId = new Map(rows.map((a) => [a.id, a]));
  for (const t of translated) if (t.translationOfId && byId.get(t.translationOfId)?.locale !== locale) byId.set(t.translationOfId, t);
  const base = siteUrl();
  const single = issue.articleIds.length === 1;
  const articles = issue.articleIds
    .map((id) => byId.get(id))
    .filter((a) => a !== undefined)
    .map((a) => ({
      title: a.title,
      url: `${base}${localePath(toLocale(a.locale), `/articles/${a.slug}`)}`,
      standfirst: a.standfirst,
      bodyHtml: single ? renderMarkdown(a.body) : null,
    }));
  const firstSlug = rows.find((a) => a.id === issue.articleIds[0])?.slug ?? null;
  return {
    newsletterId: issue.newsletterId,
    audience: issue.newsletter.audience,
    senderName: issue.newsletter.senderName,
    locale,
    siteName: siteName(),
    siteUrl: base,
    newsletterName: localizedNewsletter(issue.newsletter, locale).name,
    patronsOnly: issue.newsletter.audience === 'PATRONS',
    subject: localized(issue.translations, locale, 'subject', issue.subject),
    intro: localized(issue.translations, locale, 'intro', issue.intro),
    articles,
    // "newsletter" is the attribution source of a checkout that starts here (the dashboard's placements).
    supportUrl: `${base}${localePath(locale, supportHref('newsletter', firstSlug))}`,
  };
}

/** The rendered issue for the desk's preview, as readers in `locale` get it (a sample link where each reader's own goes). */
export async function previewIssue(issueId: string, locale: Locale = DEFAULT_LOCALE): Promise<RenderedIssue> {
  return personalise(await renderIssue(await issueContent(issueId, locale)), 'preview-link');
}

export function fromHeader(senderName: string): string {
  const from = emailFrom();
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
  return `"${senderName.replace(/["\\<>\r\n]/g, '')}" <${address}>`;
}

function listHeaders(token: string): Record<string, string> {
  // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` to this address, without cookies.
  return { 'List-Unsubscribe': `<${unsubscribeUrlOf(siteUrl(), token)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** Queues a test send of the issue to one address (the editor's own), outside the subscriber list, as readers in `locale` get it. */
export async function queueTestSend(issueId: string, to: string, locale: Locale = DEFAULT_LOCALE): Promise<void> {
  const db = await getDb();
  if (!(await db.newsletterIssue.findUnique({ where: { id: issueId }, select: { id: true } })))
    throw new NewsletterError('UNKNOWN_ISSUE', sentence('deskAudience.newsletters.errors.unknownIssue'));
  await enqueue('newsletter.test-send', { issueId, to, ...(locale === DEFAULT_LOCALE ? {} : { locale }) });
}

/** The `newsletter.test-send` job: renders the issue and sends it like any email (email.send job). */
export async function sendTestIssue(issueId: string, to: string, locale: Locale = DEFAULT_LOCALE): Promise<void> {
  const rendered = personalise(await renderIssue(await issueContent(issueId, locale)), 'test-send-link');
  await sendEmail({
    to,
    kind: 'newsletter-test',
    subject: `[Test] ${rendered.subject}`.slice(0, 300),
    text: rendered.text,
    html: rendered.html,
  });
}

export async function scheduleIssue(issueId: string, at: Date, { now = new Date() }: { now?: Date } = {}): Promise<void> {
  if (!(at.getTime() > now.getTime())) throw new NewsletterError('PAST', sentence('deskAudience.newsletters.errors.past'));
  const db = await getDb();
  const r = await db.newsletterIssue.updateMany({
    where: { id: issueId, status: { in: ['DRAFT', 'SCHEDULED'] } },
    data: { status: 'SCHEDULED', scheduledFor: at },
  });
  if (!r.count) throw new NewsletterError('NOT_DRAFT', sentence('deskAudience.newsletters.errors.notDraftSchedule'));
}

export async function cancelIssue(issueId: string): Promise<void> {
  const db = await getDb();
  const r = await db.newsletterIssue.updateMany({
    where: { id: issueId, status: { in: ['DRAFT', 'SCHEDULED'] } },
    data: { status: 'CANCELLED' },
  });
  if (!r.count) throw new NewsletterError('NOT_DRAFT', sentence('deskAudience.newsletters.errors.notDraftCancel'));
}

/**
 * Starts sending: the issue becomes SENDING, one delivery row per confirmed subscriber is written
 * (suppressed addresses already `skipped`), and the first batch is queued, all in one transaction.
 * Returns false when the issue was not a draft or scheduled one (already started by someone else).
 */
export async function startIssue(issueId: string, { now = new Date() }: { now?: Date } = {}): Promise<boolean> {
  await getQueue();
  const sql = await getSql();
  return sql.transaction(async (tx) => {
    const [issue] = await tx.query<{ newsletterId: string }>(
      `UPDATE "NewsletterIssue" SET "status" = 'SENDING', "startedAt" = $2::timestamp, "lastBatchAt" = $2::timestamp
        WHERE "id" = $1::text AND "status" IN ('DRAFT', 'SCHEDULED') RETURNING "newsletterId"`,
      [issueId, now.toISOString()],
    );
    if (!issue) return false;
    await tx.query(
      `INSERT INTO "NewsletterDelivery" ("id", "issueId", "subscriptionId", "email", "userId", "status")
       SELECT 'nd_' || gen_random_uuid()::text, $1::text, s."id", s."email", s."userId",
              CASE WHEN x."email" IS NULL THEN 'pending' ELSE 'skipped' END
         FROM "NewsletterSubscription" s
         LEFT JOIN "EmailSuppression" x ON x."email" = s."email" AND x."suppressedAt" IS NOT NULL
        WHERE s."newsletterId" = $2::text AND s."status" = 'CONFIRMED'
       ON CONFLICT ("issueId", "email") DO NOTHING`,
      [issueId, issue.newsletterId],
    );
    await enqueue(
      'newsletter.send-batch',
      { issueId },
      { tx: { $queryRawUnsafe: (q: string, ...v: unknown[]) => tx.query(q, v) as never } },
    );
    return true;
  });
}

type Claimed = { id: string; subscriptionId: string | null; email: string; userId: string | null };

/**
 * The language each recipient gets an issue in: their account's (User.locale) when the subscription
 * belongs to one, else the language of the page they signed up on (NewsletterSubscription.locale),
 * else English.
 */
export async function recipientLocales(subscriptionIds: readonly string[]): Promise<Map<string, Locale>> {
  if (!subscriptionIds.length) return new Map();
  const sql = await getSql();
  const rows = await sql.query<{ id: string; locale: string | null }>(
    `SELECT s."id", COALESCE(u."locale", s."locale") AS "locale" FROM "NewsletterSubscription" s
       LEFT JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ANY($1::text[])`,
    [[...subscriptionIds]],
  );
  return new Map(rows.map((r) => [r.id, toLocale(r.locale)]));
}

export type BatchHooks = {
  /** Tests: called after a chunk was handed to SMTP and before it is marked sent (a crash there). */
  afterHandOver?: (emails: string[]) => void | Promise<void>;
};

export type BatchResult = { claimed: number; sent: number; skipped: number; failed: number; done: boolean };

/**
 * The `newsletter.send-batch` job. Safe to run twice at once or again after a crash (see the top).
 */
export async function sendBatch(issueId: string, { now = () => new Date(), hooks = {} as BatchHooks } = {}): Promise<BatchResult> {
  const sql = await getSql();
  const started = Date.now();
  const [issue] = await sql.query<{ status: string }>(`SELECT "status" FROM "NewsletterIssue" WHERE "id" = $1::text`, [issueId]);
  if (!issue || issue.status !== 'SENDING') return { claimed: 0, sent: 0, skipped: 0, failed: 0, done: true };
  await sql.query(`UPDATE "NewsletterIssue" SET "lastBatchAt" = $2::timestamp WHERE "id" = $1::text`, [issueId, now().toISOString()]);
  // This batch's claim: it only ever moves rows carrying it, so a batch that outlived a recovery
  // (whose rows went back to pending and to another batch) cannot send them as well.
  const claim = randomUUID();
  const claimed = await sql.query<Claimed>(
    `UPDATE "NewsletterDelivery" SET "status" = 'claimed', "claimedAt" = $3::timestamp, "claimId" = $4::text
      WHERE "id" IN (SELECT "id" FROM "NewsletterDelivery" WHERE "issueId" = $1::text AND "status" = 'pending' ORDER BY "id" LIMIT $2::int FOR UPDATE SKIP LOCKED)
      RETURNING "id", "subscriptionId", "email", "userId"`,
    [issueId, batchSize(), now().toISOString(), claim],
  );
  const result: BatchResult = { claimed: claimed.length, sent: 0, skipped: 0, failed: 0, done: false };
  if (claimed.length) {
    const content = await issueContent(issueId);
    // Who may still get it, now: still subscribed, not suppressed, and a patron for a patrons' letter.
    const ids = claimed.map((c) => c.subscriptionId).filter((x): x is string => Boolean(x));
    const locales = await recipientLocales(ids);
    const live = new Set(
      (
        await sql.query<{ id: string }>(
          `SELECT "id" FROM "NewsletterSubscription" WHERE "id" = ANY($1::text[]) AND "status" = 'CONFIRMED'`,
          [ids],
        )
      ).map((r) => r.id),
    );
    const suppressed = new Set(
      (
        await sql.query<{ email: string }>(
          `SELECT "email" FROM "EmailSuppression" WHERE "email" = ANY($1::text[]) AND "suppressedAt" IS NOT NULL`,
          [claimed.map((c) => c.email)],
        )
      ).map((r) => r.email),
    );
    const go: Claimed[] = [];
    const skip: { id: string; why: string }[] = [];
    for (const c of claimed) {
      if (!c.subscriptionId || !live.has(c.subscriptionId)) skip.push({ id: c.id, why: 'unsubscribed before it was sent' });
      else if (suppressed.has(c.email)) skip.push({ id: c.id, why: 'address suppressed (bounces or complaint)' });
      else if (content.patronsOnly && !(c.userId && (await patronStatus(c.userId)).isPatron))
        skip.push({ id: c.id, why: 'not a patron at send time' });
      else go.push(c);
    }
    for (const s of skip)
      await sql.query(
        `UPDATE "NewsletterDelivery" SET "status" = 'skipped', "error" = $2::text WHERE "id" = $1::text AND "status" = 'claimed' AND "claimId" = $3::text`,
        [s.id, s.why, claim],
      );
    result.skipped = skip.length;
    // Rendered once per language among the recipients, before anything is handed over.
    const rendered = new Map<Locale, RenderedIssue>();
    const localeOf = (c: Claimed) => locales.get(c.subscriptionId!) ?? DEFAULT_LOCALE;
    for (const locale of new Set(go.map(localeOf)))
      rendered.set(locale, await renderIssue(locale === DEFAULT_LOCALE ? content : await issueContent(issueId, locale)));
    const from = fromHeader(content.senderName);
    for (let i = 0; i < go.length; i += CHUNK) {
      const chunk = go.slice(i, i + CHUNK);
      const mine = await sql.query<{ id: string }>(
        `UPDATE "NewsletterDelivery" SET "status" = 'sending' WHERE "id" = ANY($1::text[]) AND "status" = 'claimed' AND "claimId" = $2::text RETURNING "id"`,
        [chunk.map((c) => c.id), claim],
      );
      // Still alive: the minute tick's recovery leaves a send alone while its batches make progress.
      await sql.query(`UPDATE "NewsletterIssue" SET "lastBatchAt" = $2::timestamp WHERE "id" = $1::text`, [issueId, now().toISOString()]);
      const ours = new Set(mine.map((r) => r.id));
      const outcomes = await Promise.all(
        chunk
          .filter((c) => ours.has(c.id))
          .map(async (c) => {
            const token = newsletterToken('manage', c.subscriptionId!);
            const copy = personalise(rendered.get(localeOf(c))!, token);
            try {
              await handOver(issueId, c, copy, from, listHeaders(token));
              return { c, ok: true as const };
            } catch (err) {
              return {
                c,
                ok: false as const,
                err: err instanceof Error ? err.message : String(err),
                permanent: Number((err as { responseCode?: number }).responseCode) >= 500,
              };
            }
          }),
      );
      await hooks.afterHandOver?.(outcomes.filter((o) => o.ok).map((o) => o.c.email));
      const sent = outcomes.filter((o) => o.ok).map((o) => o.c.id);
      if (sent.length)
        await sql.query(
          `UPDATE "NewsletterDelivery" SET "status" = 'sent', "sentAt" = $2::timestamp WHERE "id" = ANY($1::text[]) AND "claimId" = $3::text`,
          [sent, now().toISOString(), claim],
        );
      for (const o of outcomes) {
        if (o.ok) continue;
        // Refused for now (4xx): back in the queue for a later batch; refused for good (5xx): failed.
        await sql.query(
          `UPDATE "NewsletterDelivery" SET "status" = $2::text, "error" = $3::text, "claimedAt" = NULL, "claimId" = NULL WHERE "id" = $1::text AND "claimId" = $4::text`,
          [o.c.id, o.permanent ? 'failed' : 'pending', o.err.slice(0, 500), claim],
        );
      }
      result.sent += sent.length;
      result.failed += outcomes.length - sent.length;
    }
  }
  const [left] = await sql.query<{ pending: number; inFlight: number }>(
    `SELECT count(*) FILTER (WHERE "status" = 'pending')::int AS "pending", count(*) FILTER (WHERE "status" IN ('claimed', 'sending'))::int AS "inFlight"
       FROM "NewsletterDelivery" WHERE "issueId" = $1::text`,
    [issueId],
  );
  if (left!.pending > 0) {
    const perMinute = maxPerMinute();
    const elapsed = (Date.now() - started) / 1000;
    // The throttle: this batch's share of a minute, less the time it took. A batch with refusals waits too.
    const wait = Math.max(perMinute ? Math.ceil((claimed.length * 60) / perMinute - elapsed) : 0, result.failed ? 5 : 0);
    await enqueue('newsletter.send-batch', { issueId }, wait > 0 ? { startAfterSeconds: wait } : {});
    // The next sign of life is expected when that batch starts: not a stall before then.
    if (wait > 0)
      await sql.query(`UPDATE "NewsletterIssue" SET "lastBatchAt" = $2::timestamp WHERE "id" = $1::text`, [
        issueId,
        new Date(now().getTime() + wait * 1000).toISOString(),
      ]);
  } else if (left!.inFlight === 0) {
    await sql.query(
      `UPDATE "NewsletterIssue" SET "status" = 'SENT', "finishedAt" = $2::timestamp WHERE "id" = $1::text AND "status" = 'SENDING'`,
      [issueId, now().toISOString()],
    );
    result.done = true;
  }
  return result;
}

/**
 * Newsletter parts go out base64-encoded: choosing an encoding (nodemailer scans each part) and
 * quoted-printable encoding were most of a message's CPU (bench/README.md "newsletter").
 */
const NEWSLETTER_TEXT_ENCODING = (process.env.NEWSLETTER_TEXT_ENCODING === 'quoted-printable' ? 'quoted-printable' : 'base64') as
  'base64' | 'quoted-printable';

/** One recipient's copy: SMTP, or in test mode an outbox row (what /dev/mailbox shows). */
async function handOver(issueId: string, c: Claimed, copy: RenderedIssue, from: string, headers: Record<string, string>): Promise<void> {
  if (!mailToOutbox()) {
    await sendSmtp({
      to: c.email,
      subject: copy.subject,
      text: copy.text,
      html: copy.html,
      from,
      headers,
      textEncoding: NEWSLETTER_TEXT_ENCODING,
    });
    return;
  }
  const sql = await getSql();
  await sql.query(
    `INSERT INTO "Email" ("id", "to", "subject", "text", "html", "kind", "transport", "userId", "dedupeKey", "status", "headers", "createdAt", "sentAt")
     VALUES ('em_' || gen_random_uuid()::text, $1::text, $2::text, $3::text, $4::text, 'newsletter', 'outbox', $5::text, $6::text, 'sent', $7::jsonb, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
     ON CONFLICT ("dedupeKey") DO NOTHING`,
    [c.email, copy.subject, copy.text, copy.html, c.userId, `newsletter:${issueId}:${c.email}`, JSON.stringify({ ...headers, From: from })],
  );
}

/**
 * Recovery after a crash, for issues whose batches stopped (no batch for CLAIM_TIMEOUT_SECONDS):
 * rows never handed over go back to `pending`, rows caught mid-hand-over become `unknown` (never sent
 * twice), and a batch job is queued. Run by the minute tick.
 */
export async function resumeStalledIssues({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const sql = await getSql();
  const stale = new Date(now.getTime() - CLAIM_TIMEOUT_SECONDS * 1000).toISOString();
  const issues = await sql.query<{ id: string }>(
    `SELECT "id" FROM "NewsletterIssue" WHERE "status" = 'SENDING' AND ("lastBatchAt" IS NULL OR "lastBatchAt" < $1::timestamp)`,
    [stale],
  );
  for (const { id } of issues) {
    await sql.query(
      `UPDATE "NewsletterDelivery" SET "status" = 'pending', "claimedAt" = NULL, "claimId" = NULL WHERE "issueId" = $1::text AND "status" = 'claimed' AND "claimedAt" < $2::timestamp`,
      [id, stale],
    );
    await sql.query(
      `UPDATE "NewsletterDelivery" SET "status" = 'unknown', "error" = 'the worker stopped while handing it to the mail server; not sent again' WHERE "issueId" = $1::text AND "status" = 'sending' AND "claimedAt" < $2::timestamp`,
      [id, stale],
    );
    await sql.query(`UPDATE "NewsletterIssue" SET "lastBatchAt" = $2::timestamp WHERE "id" = $1::text`, [id, now.toISOString()]);
    await enqueue('newsletter.send-batch', { issueId: id });
  }
  return issues.length;
}

/** The `newsletter.tick` cron job (every minute): starts scheduled issues that are due; resumes stalled ones. */
export async function tickNewsletters({ now = new Date() }: { now?: Date } = {}): Promise<{ started: number; resumed: number }> {
  const db = await getDb();
  const due = await db.newsletterIssue.findMany({ where: { status: 'SCHEDULED', scheduledFor: { lte: now } }, select: { id: true } });
  let started = 0;
  for (const d of due) if (await startIssue(d.id, { now })) started++;
  return { started, resumed: await resumeStalledIssues({ now }) };
}

export type IssueProgress = Record<'pending' | 'claimed' | 'sending' | 'sent' | 'skipped' | 'failed' | 'unknown', number>;

export async function issueProgress(issueId: string): Promise<IssueProgress> {
  const db = await getDb();
  const rows = await db.newsletterDelivery.groupBy({ by: ['status'], where: { issueId }, _count: { _all: true } });
  const out: IssueProgress = { pending: 0, claimed: 0, sending: 0, sent: 0, skipped: 0, failed: 0, unknown: 0 };
  for (const r of rows) if (r.status in out) out[r.status as keyof IssueProgress] = r._count._all;
  return out;
}

/** The `newsletter.confirm` job: the double opt-in email for one pending sign-up. */
export async function sendConfirmation(subscriptionId: string, locale: Locale = DEFAULT_LOCALE): Promise<void> {
  const { renderConfirmEmail } = await import('./email');
  const db = await getDb();
  const sub = await db.newsletterSubscription.findUnique({
    where: { id: subscriptionId },
    select: { id: true, email: true, status: true, newsletter: { select: { name: true, description: true, translations: true } } },
  });
  if (!sub || sub.status !== 'PENDING') return;
  // The newsletter's name and description in the language of the page the reader signed up on.
  const letter = localizedNewsletter(sub.newsletter, locale);
  const confirmUrl = `${siteUrl()}${localePath(locale, '/newsletters/confirm')}?token=${newsletterToken('confirm', sub.id)}`;
  const mail = await renderConfirmEmail({
    siteName: siteName(),
    newsletterName: letter.name,
    description: letter.description,
    confirmUrl,
    locale,
  });
  await sendEmail({ to: sub.email, kind: 'newsletter-confirm', ...mail });
}
