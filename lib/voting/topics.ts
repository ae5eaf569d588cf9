/**
 * Topics: added by editors or suggested by patrons (PROPOSED until an editor approves them), then
 * moderated: approve (→ OPEN), decline with a public reason (→ DECLINED), merge into another topic
 * (→ MERGED; votes move), commission (→ COMMISSIONED), link articles (→ PUBLISHED once a linked
 * article is live, and every voter is emailed once).
 *
 * Titles and descriptions are stored as plain text (control characters removed); pages render them
 * through React, which escapes them, so "<script>" stays literal text.
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { patronStatus } from '@/lib/billing/patron-status';
import { hasRole } from '@/lib/auth/roles';
import { isVisible } from '@/lib/articles/queries';
import { siteName, siteUrl } from '@/lib/config/site';
import { sendEmails } from '@/lib/mail/send';
import { getQueue } from '@/lib/jobs/queue';
import { topicPublishedEmail } from '@/lib/mail/voting-templates';
import type { Prisma } from '@/lib/generated/prisma/client';
import { invalidInput, roundPhase, VotingError, refusal } from './rules';
import { isUniqueViolation } from '@/lib/db/errors';
import { parseId } from './votes';
import { requireEditor, type Actor } from './rounds';
import { plainText } from './plain-text';
import { recordCommissioned, recordPublished } from './progress';
import { deskRefusal } from './desk-refusals';
import { sentence, type Sentence } from '@/lib/i18n/sentence';
import { localized, mergeTranslations, translationsSchema } from '@/lib/i18n/content';
import { localePath, toLocale } from '@/lib/i18n/locales';

const plain = plainText;

export const topicInputSchema = z.object({
  title: plain(150, 'A title', 3).refine((s) => !s.includes('\n'), 'The title must be one line'),
  description: plain(2000, 'The description').default(''),
  sectionId: z
    .string()
    .trim()
    .max(100)
    .transform((s) => s || null)
    .nullish(),
  // Title and description in the site's other languages (lib/i18n/content.ts).
  translations: translationsSchema.optional(),
});

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw invalidInput(r.error);
}

async function checkSection(sectionId: string | null | undefined): Promise<string | null> {
  if (!sectionId) return null;
  const db = await getDb();
  const s = await db.section.findUnique({ where: { id: sectionId }, select: { id: true } });
  if (!s) throw new VotingError('INVALID', 'Unknown section', { sectionId: 'Unknown section' });
  return s.id;
}

/** An editor adds a topic to a round: OPEN straight away. */
export async function createTopic(actor: Actor | null, roundIdIn: string, input: unknown) {
  requireEditor(actor);
  const roundId = parseId(roundIdIn, 'round');
  const data = parse(topicInputSchema, input);
  const db = await getDb();
  const round = await db.round.findUnique({ where: { id: roundId }, select: { id: true } });
  if (!round) throw refusal('UNKNOWN_ROUND', 'unknownRound');
  return db.topic.create({
    data: {
      roundId,
      title: data.title,
      description: data.description,
      sectionId: await checkSection(data.sectionId),
      status: 'OPEN',
      translations: data.translations,
    },
  });
}

/** An editor sets a topic's title and description in the site's other languages (empty ones fall back to English). */
export async function setTopicTranslations(actor: Actor | null, topicIdIn: string, translations: unknown) {
  requireEditor(actor);
  const topicId = parseId(topicIdIn, 'topic');
  const data = parse(translationsSchema, translations);
  const db = await getDb();
  const topic = await db.topic.findUnique({ where: { id: topicId }, select: { translations: true } });
  if (!topic) throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
  // The title and summary only: the decline reason's translation (set when declining) stays.
  await db.topic.update({
    where: { id: topicId },
    data: { translations: mergeTranslations(topic.translations, ['title', 'description'], data) },
  });
}

/**
 * Edits a topic. Editors may edit any topic; a patron may edit only their own suggestion while it is
 * still PROPOSED. Everyone else is refused.
 */
export async function updateTopic(actor: Actor | null, topicIdIn: string, input: unknown) {
  if (!actor) throw new VotingError('NOT_SIGNED_IN', 'Sign in to do this.');
  const topicId = parseId(topicIdIn, 'topic');
  const data = parse(topicInputSchema, input);
  const db = await getDb();
  const topic = await db.topic.findUnique({ where: { id: topicId }, select: { suggestedById: true, status: true, sectionId: true } });
  if (!topic) throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
  const editor = hasRole(actor.role, 'EDITOR');
  if (!editor) {
    if (topic.suggestedById !== actor.id) throw new VotingError('FORBIDDEN', 'You can only edit your own suggestions.');
    if (topic.status !== 'PROPOSED') throw new VotingError('FORBIDDEN', 'This suggestion has been reviewed and can no longer be edited.');
  }
  return db.topic.update({
    where: { id: topicId },
    data: { title: data.title, description: data.description, sectionId: editor ? await checkSection(data.sectionId) : topic.sectionId },
  });
}

const suggestionSchema = topicInputSchema.pick({ title: true, description: true });

/**
 * A patron's suggestion that does not pass `suggestionSchema`: the same English sentences as ever, with
 * the catalogue sentence of each field (voting.suggest.errors) so the /uk form says them in Ukrainian.
 */
export class SuggestionInvalid extends VotingError {
  declare readonly fieldSentences: Readonly<Record<string, Sentence>>;
  constructor(fieldSentences: Record<string, Sentence>, fieldErrors: Record<string, string>) {
    super('INVALID', Object.values(fieldErrors)[0] ?? 'Check the form.', fieldErrors);
    Object.defineProperty(this, 'fieldSentences', { value: fieldSentences, enumerable: true });
  }
}

function suggestionSentence(issue: z.core.$ZodIssue): Sentence {
  const field = issue.path[0] === 'description' ? 'description' : 'title';
  if (issue.code === 'too_big')
    return field === 'title' ? sentence('voting.suggest.errors.titleTooLong') : sentence('voting.suggest.errors.descriptionTooLong');
  if (field === 'title')
    return issue.code === 'custom' ? sentence('voting.suggest.errors.titleOneLine') : sentence('voting.suggest.errors.titleRequired');
  return sentence('voting.suggest.errors.descriptionRequired');
}

function parseSuggestion(input: unknown): z.output<typeof suggestionSchema> {
  const r = suggestionSchema.safeParse(input);
  if (r.success) return r.data;
  const sentences: Record<string, Sentence> = {};
  const english: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const field = String(issue.path[0] ?? 'title');
    if (field in sentences) continue;
    sentences[field] = suggestionSentence(issue);
    english[field] = issue.message;
  }
  throw new SuggestionInvalid(sentences, english);
}

/**
 * A patron suggests a topic for an open round: stored as PROPOSED (shown to readers only once an
 * editor approves it), at most `round.suggestionsPerPatron` per patron per round.
 */
export async function suggestTopic(userIdIn: string, roundIdIn: string, input: unknown, { now = new Date() }: { now?: Date } = {}) {
  const userId = parseId(userIdIn, 'user');
  const roundId = parseId(roundIdIn, 'round');
  const data = parseSuggestion(input);
  const db = await getDb();
  const status = await patronStatus(userId, now);
  if (!status.isPatron) throw refusal('NOT_PATRON', 'notPatronSuggest');
  const round = await db.round.findUnique({ where: { id: roundId } });
  if (!round) throw refusal('UNKNOWN_ROUND', 'unknownRound');
  const phase = roundPhase(round, now);
  if (phase === 'CLOSED') throw refusal('ROUND_CLOSED', 'suggestClosed');
  if (phase !== 'OPEN') throw refusal('ROUND_NOT_OPEN', 'suggestNotOpen');
  return db.$transaction(async (tx) => {
    // Serialise one patron's suggestions so two at once cannot both pass the limit.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
    const made = await tx.topic.count({ where: { roundId, suggestedById: userId } });
    if (made >= round.suggestionsPerPatron) throw refusal('SUGGESTION_LIMIT', 'suggestionLimit', { count: round.suggestionsPerPatron });
    return tx.topic.create({
      data: { roundId, title: data.title, description: data.description, status: 'PROPOSED', suggestedById: userId },
    });
  });
}

async function transition(topicIdIn: string, from: readonly string[], data: Prisma.TopicUpdateManyMutationInput, refusedWith: Sentence) {
  const topicId = parseId(topicIdIn, 'topic');
  const db = await getDb();
  const r = await db.topic.updateMany({ where: { id: topicId, status: { in: from as never } }, data });
  if (r.count === 0) {
    const exists = await db.topic.findUnique({ where: { id: topicId }, select: { id: true } });
    if (!exists) throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
    throw deskRefusal('CONFLICT', refusedWith);
  }
  return db.topic.findUniqueOrThrow({ where: { id: topicId } });
}

/** PROPOSED (or DECLINED) → OPEN: patrons can vote for it. */
export async function approveTopic(actor: Actor | null, topicId: string) {
  requireEditor(actor);
  return transition(topicId, ['PROPOSED', 'DECLINED'], { status: 'OPEN', declineReason: null }, sentence('desk.rounds.errors.approveOnly'));
}

const reasonSchema = plain(500, 'A reason', 3);
/** Whether a reason was given at all (3+ characters once cleaned): else it is required, not too long. */
const reasonProvided = (v: unknown) => typeof v === 'string' && v.trim().length >= 3;

/**
 * → DECLINED with a public reason (and its translations, { uk: { declineReason } }). Votes already cast
 * stay on it (patrons can withdraw them while the round is open).
 */
export async function declineTopic(actor: Actor | null, topicId: string, reason: unknown, translations: unknown = {}) {
  requireEditor(actor);
  const r = reasonSchema.safeParse(reason);
  if (!r.success) {
    const said = reasonProvided(reason) ? sentence('desk.rounds.errors.reasonLong') : sentence('desk.rounds.errors.reasonRequired');
    throw deskRefusal('INVALID', said, { reason: said });
  }
  const given = parse(translationsSchema, translations);
  for (const fields of Object.values(given)) {
    if ((fields.declineReason ?? '').length > 500) {
      const said = sentence('desk.rounds.errors.reasonLong');
      throw deskRefusal('INVALID', said, { declineReason_uk: said });
    }
  }
  const declined = await transition(
    topicId,
    ['PROPOSED', 'OPEN'],
    { status: 'DECLINED', declineReason: r.data },
    sentence('desk.rounds.errors.declineOnly'),
  );
  const db = await getDb();
  return db.topic.update({
    where: { id: declined.id },
    data: { translations: mergeTranslations(declined.translations, ['declineReason'], given) },
  });
}

/** OPEN/PROPOSED → COMMISSIONED: the newsroom will cover it (its progress timeline starts). */
export async function commissionTopic(actor: Actor | null, topicId: string, { now = new Date() }: { now?: Date } = {}) {
  requireEditor(actor);
  const topic = await transition(topicId, ['PROPOSED', 'OPEN'], { status: 'COMMISSIONED' }, sentence('desk.rounds.errors.commissionOnly'));
  await recordCommissioned(topic.id, { now });
  return topic;
}

/**
 * Merges `sourceId` into `targetId` (same round). Votes move to the target; a patron who voted for
 * both keeps ONE vote and gets the slot back (Ballot.used − 1). Every moved or dropped vote gets a
 * VoteAudit row "merged". Pending picks move too. The source becomes MERGED (mergedIntoId = target).
 */
export async function mergeTopics(actor: Actor | null, sourceIdIn: string, targetIdIn: string, { now = new Date() }: { now?: Date } = {}) {
  requireEditor(actor);
  const src = parseId(sourceIdIn, 'topic');
  const tgt = parseId(targetIdIn, 'topic');
  if (src === tgt) throw deskRefusal('INVALID', sentence('desk.rounds.errors.mergeItself'));
  const at = now.toISOString();
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Locks both topics: casts on them wait (their FOR KEY SHARE conflicts) and then see the new status.
    const rows = await tx.$queryRaw<{ id: string; roundId: string; status: string }[]>`
      SELECT id, "roundId", status::text AS status FROM "Topic" WHERE id IN (${src}, ${tgt}) ORDER BY id FOR UPDATE`;
    const source = rows.find((r) => r.id === src);
    const target = rows.find((r) => r.id === tgt);
    if (!source || !target) throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
    if (source.roundId !== target.roundId) throw deskRefusal('INVALID', sentence('desk.rounds.errors.mergeOtherRound'));
    if (!['PROPOSED', 'OPEN'].includes(source.status)) throw deskRefusal('CONFLICT', sentence('desk.rounds.errors.mergeOnly'));
    if (['MERGED', 'DECLINED'].includes(target.status)) throw deskRefusal('CONFLICT', sentence('desk.rounds.errors.mergeTarget'));
    const [dup] = await tx.$queryRaw<{ n: number }[]>`
      WITH dup AS (
        DELETE FROM "Vote" s
        WHERE s."topicId" = ${src} AND EXISTS (SELECT 1 FROM "Vote" t WHERE t."topicId" = ${tgt} AND t."userId" = s."userId")
        RETURNING s."userId", s."roundId"
      ), freed AS (
        UPDATE "Ballot" b SET used = b.used - 1, "updatedAt" = (${at}::timestamptz AT TIME ZONE 'UTC')
        FROM dup WHERE b."userId" = dup."userId" AND b."roundId" = dup."roundId"
        RETURNING 1
      ), audit AS (
        INSERT INTO "VoteAudit" (id, "userId", "topicId", "roundId", action, "createdAt")
        SELECT gen_random_uuid()::text, "userId", ${src}, "roundId", 'merged', (${at}::timestamptz AT TIME ZONE 'UTC') FROM dup
      )
      SELECT count(*)::int AS n FROM dup`;
    const [moved] = await tx.$queryRaw<{ n: number }[]>`
      WITH moved AS (
        UPDATE "Vote" SET "topicId" = ${tgt} WHERE "topicId" = ${src} RETURNING "userId", "roundId"
      ), audit AS (
        INSERT INTO "VoteAudit" (id, "userId", "topicId", "roundId", action, "createdAt")
        SELECT gen_random_uuid()::text, "userId", ${tgt}, "roundId", 'merged', (${at}::timestamptz AT TIME ZONE 'UTC') FROM moved
      )
      SELECT count(*)::int AS n FROM moved`;
    await tx.$executeRaw`
      DELETE FROM "PendingVote" s WHERE s."topicId" = ${src}
        AND EXISTS (SELECT 1 FROM "PendingVote" t WHERE t."topicId" = ${tgt} AND t."userId" = s."userId")`;
    await tx.$executeRaw`UPDATE "PendingVote" SET "topicId" = ${tgt} WHERE "topicId" = ${src}`;
    await tx.topic.update({ where: { id: src }, data: { status: 'MERGED', mergedIntoId: tgt } });
    if (target.status === 'PROPOSED') await tx.topic.update({ where: { id: tgt }, data: { status: 'OPEN' } });
    return { moved: moved?.n ?? 0, deduplicated: dup?.n ?? 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Closing the loop: articles
// ---------------------------------------------------------------------------------------------

export type LinkResult = { published: boolean; notified: number };

/**
 * Links an article to a topic. When the article is live (published, or scheduled and past its time)
 * the topic becomes PUBLISHED and its voters are emailed (once each); otherwise an OPEN topic becomes
 * COMMISSIONED and `onArticlePublished(articleId)` finishes the job when the article goes live.
 * Authorisation is the caller's job (desk actions check EDITOR).
 */
export async function linkArticleToTopic(
  topicIdIn: string,
  articleIdIn: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<LinkResult> {
  const topicId = parseId(topicIdIn, 'topic');
  const articleId = parseId(articleIdIn, 'article');
  const db = await getDb();
  const [topic, article] = await Promise.all([
    db.topic.findUnique({ where: { id: topicId }, select: { status: true } }),
    db.article.findUnique({ where: { id: articleId }, select: { status: true, publishedAt: true } }),
  ]);
  if (!topic) throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
  if (!article) throw deskRefusal('UNKNOWN_ARTICLE', sentence('desk.rounds.errors.articleGone'));
  if (topic.status === 'MERGED' || topic.status === 'DECLINED' || topic.status === 'PROPOSED') {
    throw deskRefusal('CONFLICT', sentence('desk.rounds.errors.linkBeforeApproval'));
  }
  try {
    await db.topicArticle.create({ data: { topicId, articleId } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err; // already linked: carry on (idempotent)
  }
  if (isVisible(article, now)) {
    // The timeline's first step too, when the topic was never commissioned before its article existed.
    const notified = await markPublishedAndQueueVoterEmails(topicId, articleId, now, { commissionedFirst: true });
    return { published: true, notified };
  }
  if (topic.status === 'OPEN') await db.topic.update({ where: { id: topicId }, data: { status: 'COMMISSIONED' } });
  await recordCommissioned(topicId, { now });
  return { published: false, notified: 0 };
}

/** Desk helper: link by article slug (validated). */
export async function linkArticleBySlug(
  actor: Actor | null,
  topicId: string,
  slugIn: unknown,
  opts: { now?: Date } = {},
): Promise<LinkResult> {
  requireEditor(actor);
  const slug = z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[a-z0-9-]+$/)
    .safeParse(slugIn);
  if (!slug.success)
    throw deskRefusal('INVALID', sentence('desk.rounds.errors.linkSlug'), { slug: sentence('desk.rounds.errors.linkSlugField') });
  const db = await getDb();
  const article = await db.article.findUnique({ where: { slug: slug.data }, select: { id: true } });
  if (!article)
    throw deskRefusal('UNKNOWN_ARTICLE', sentence('desk.rounds.errors.noSuchSlug', { slug: slug.data }), {
      slug: sentence('desk.rounds.errors.noSuchSlugField'),
    });
  return linkArticleToTopic(topicId, article.id, opts);
}

/**
 * Call when an article goes live (the desk publish action, or `closeLoopForLiveArticles` for scheduled ones): topics
 * linked to it become PUBLISHED and their voters get the email (at most once each). Idempotent.
 */
export async function onArticlePublished(
  articleIdIn: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ topics: number; notified: number }> {
  const articleId = parseId(articleIdIn, 'article');
  const db = await getDb();
  const article = await db.article.findUnique({ where: { id: articleId }, select: { status: true, publishedAt: true } });
  if (!article || !isVisible(article, now)) return { topics: 0, notified: 0 };
  const links = await db.topicArticle.findMany({
    where: { articleId, topic: { status: { in: ['OPEN', 'COMMISSIONED', 'PUBLISHED'] } } },
    select: { topicId: true },
  });
  let notified = 0;
  for (const { topicId } of links) notified += await markPublishedAndQueueVoterEmails(topicId, articleId, now);
  return { topics: links.length, notified };
}

/**
 * One transaction: the topic becomes PUBLISHED and one email job per voter is queued. Either both
 * happen or neither, so a failure half-way (the database, a crash) leaves the topic to be published
 * again by the next run, never PUBLISHED with voters not told. Sending is the jobs' business.
 */
async function markPublishedAndQueueVoterEmails(
  topicId: string,
  articleId: string,
  now: Date,
  { commissionedFirst = false } = {},
): Promise<number> {
  const db = await getDb();
  await getQueue();
  // A topic with tens of thousands of voters takes a few seconds to queue.
  return db.$transaction(
    async (tx) => {
      await tx.topic.update({ where: { id: topicId }, data: { status: 'PUBLISHED' } });
      if (commissionedFirst) await recordCommissioned(topicId, { now: new Date(now.getTime() - 1), tx });
      // The timeline's last step (once, however often the loop runs).
      await recordPublished(topicId, { now, tx });
      return notifyVotersOfPublishedArticle(topicId, articleId, { now, tx });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/**
 * Queues for every voter of the topic ONE email with the article link, only when the article is live.
 * At most once per (topic, article, voter): the Email.dedupeKey `topic-published:<topic>:<article>:<user>`
 * is claimed by the row's unique insert, so concurrent or repeated calls never queue twice. With `tx`,
 * part of the caller's transaction. Returns how many emails this call queued.
 */
export async function notifyVotersOfPublishedArticle(
  topicIdIn: string,
  articleIdIn: string,
  { now = new Date(), tx }: { now?: Date; tx?: Prisma.TransactionClient } = {},
): Promise<number> {
  const topicId = parseId(topicIdIn, 'topic');
  const articleId = parseId(articleIdIn, 'article');
  if (!tx) {
    const db = await getDb();
    await getQueue();
    return db.$transaction((t) => notifyVotersOfPublishedArticle(topicId, articleId, { now, tx: t }), {
      timeout: 120_000,
      maxWait: 30_000,
    });
  }
  const db = tx;
  const [topic, article] = await Promise.all([
    db.topic.findUnique({
      where: { id: topicId },
      select: { title: true, translations: true, round: { select: { slug: true, title: true, translations: true } } },
    }),
    db.article.findUnique({ where: { id: articleId }, select: { slug: true, title: true, status: true, publishedAt: true } }),
  ]);
  if (!topic || !article || !isVisible(article, now)) return 0;
  const linked = await db.topicArticle.findUnique({ where: { topicId_articleId: { topicId, articleId } }, select: { topicId: true } });
  if (!linked) return 0;
  const voters = await db.vote.findMany({
    where: { topicId },
    select: { user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  const base = siteUrl().replace(/\/+$/, '');
  const mails = voters.map(({ user }) => {
    // In the voter's language, with links that keep its prefix (/uk/…).
    const locale = toLocale(user.locale);
    const mail = topicPublishedEmail({
      siteName: siteName(),
      name: user.name,
      topicTitle: localized(topic.translations, locale, 'title', topic.title),
      articleTitle: article.title,
      articleUrl: `${base}${localePath(locale, `/articles/${article.slug}`)}`,
      roundTitle: localized(topic.round.translations, locale, 'title', topic.round.title),
      roundUrl: `${base}${localePath(locale, `/topics/${topic.round.slug}`)}`,
      locale,
    });
    return {
      to: user.email,
      userId: user.id,
      kind: 'voting-topic-published',
      ...mail,
      // At most one email per voter per article, however often this runs.
      dedupeKey: `topic-published:${topicId}:${articleId}:${user.id}`,
    };
  });
  return sendEmails(mails, { tx });
}

// ---------------------------------------------------------------------------------------------
// Reads for pages
// ---------------------------------------------------------------------------------------------

/** Desk view of a round's topics, with counts, suggesters and linked articles. */
export async function listTopicsForDesk(roundIdIn: string) {
  const roundId = parseId(roundIdIn, 'round');
  const db = await getDb();
  const [topics, counts] = await Promise.all([
    db.topic.findMany({
      where: { roundId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: {
        suggestedBy: { select: { email: true, name: true } },
        section: { select: { name: true } },
        mergedInto: { select: { title: true } },
        articles: { include: { article: { select: { id: true, slug: true, title: true, status: true, publishedAt: true } } } },
      },
    }),
    db.vote.groupBy({ by: ['topicId'], where: { roundId }, _count: { _all: true } }),
  ]);
  const by = new Map(counts.map((c) => [c.topicId, c._count._all]));
  return topics.map((t) => ({ ...t, votes: by.get(t.id) ?? 0 }));
}

/** A patron's own suggestions in a round (with their status). */
export async function mySuggestions(userIdIn: string, roundIdIn: string) {
  const userId = parseId(userIdIn, 'user');
  const roundId = parseId(roundIdIn, 'round');
  const db = await getDb();
  return db.topic.findMany({
    where: { roundId, suggestedById: userId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, title: true, description: true, status: true, declineReason: true },
  });
}

/** Admin-only audit trail of a round (newest first). Callers must check ADMIN. */
export async function roundAuditTrail(roundIdIn: string, { take = 500 }: { take?: number } = {}) {
  const roundId = parseId(roundIdIn, 'round');
  const db = await getDb();
  const rows = await db.voteAudit.findMany({ where: { roundId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.userId))] } },
    select: { id: true, email: true },
  });
  const topics = await db.topic.findMany({ where: { roundId }, select: { id: true, title: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  const title = new Map(topics.map((t) => [t.id, t.title]));
  return rows.map((r) => ({ ...r, email: email.get(r.userId) ?? r.userId, topicTitle: title.get(r.topicId) ?? r.topicId }));
}
