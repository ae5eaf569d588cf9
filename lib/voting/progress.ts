/**
 * Topic progress: what became of a commissioned topic. Its public timeline is a list of TopicEvents
 * (commissioned → assigned to a reporter → reporting → published, or paused / declined with the
 * editor's reason); staff move it along at /desk/topics/<id> and post short TopicUpdates, which are
 * emailed to the topic's followers (lib/voting/progress-notify.ts).
 *
 * Topic.stage is the current stage; every change to it appends a TopicEvent in the same transaction
 * (or the same statement), so the timeline and the stage never disagree. "Commissioned" and
 * "published" are recorded by the loop itself (commissionTopic, linking a live article, an article
 * going live), idempotently; the other stages are set by editors, with the transitions below.
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { enqueue, getQueue } from '@/lib/jobs/queue';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isVisible } from '@/lib/articles/queries';
import { hasRole } from '@/lib/auth/roles';
import { newId, roundPhase, VotingError, refusal } from './rules';
import { parseId } from './votes';
import { requireEditor, type Actor } from './rounds';
import { plainText } from './plain-text';
import { mergeTranslations, translationsSchema, type Translations } from '@/lib/i18n/content';
import { coded } from '@/lib/i18n/said';
import { sentence } from '@/lib/i18n/sentence';
import { deskInvalid, deskRefusal } from './desk-refusals';

export const STAGES = ['COMMISSIONED', 'ASSIGNED', 'REPORTING', 'PUBLISHED', 'PAUSED', 'DECLINED'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Which stages an editor may move a topic to from each stage. PUBLISHED is never set by hand: it is
 * recorded when a linked article goes live. DECLINED and PUBLISHED are final. ASSIGNED → ASSIGNED is a
 * change of reporter.
 */
export const NEXT_STAGES: Record<Stage, readonly Stage[]> = {
  COMMISSIONED: ['ASSIGNED', 'PAUSED', 'DECLINED'],
  ASSIGNED: ['ASSIGNED', 'REPORTING', 'PAUSED', 'DECLINED'],
  REPORTING: ['ASSIGNED', 'PAUSED', 'DECLINED'],
  PAUSED: ['ASSIGNED', 'REPORTING', 'DECLINED'],
  PUBLISHED: [],
  DECLINED: [],
};

const plain = plainText;

/** `plainText` with the desk's sentences ("The update is required", "… is too long") for its fields. */
function deskText(max: number, field: 'reporterName' | 'reason' | 'update', min = 0) {
  // plainText cleans the text (no bounds of its own here); the bounds say the desk's sentences.
  return z
    .preprocess((v) => v ?? '', plain(Number.MAX_SAFE_INTEGER, field))
    .pipe(
      z
        .string()
        .min(min, coded(sentence('desk.topics.errors.required', { field })))
        .max(max, coded(sentence('desk.topics.errors.tooLong', { field, max: String(max) }))),
    );
}

const stageInput = z.discriminatedUnion('stage', [
  z.object({
    stage: z.literal('ASSIGNED'),
    reporterName: deskText(100, 'reporterName', 2).refine((s) => !s.includes('\n'), coded(sentence('desk.topics.errors.reporterOneLine'))),
  }),
  z.object({ stage: z.literal('REPORTING') }),
  z.object({ stage: z.literal('PAUSED'), reason: deskText(500, 'reason', 3) }),
  z.object({ stage: z.literal('DECLINED'), reason: deskText(500, 'reason', 3) }),
]);

function parseStageInput(input: unknown) {
  const raw = (input ?? {}) as Record<string, unknown>;
  const stage = raw.stage;
  if (stage === 'COMMISSIONED' || stage === 'PUBLISHED') {
    throw deskRefusal(
      'INVALID',
      stage === 'PUBLISHED' ? sentence('desk.topics.errors.publishedByArticle') : sentence('desk.topics.errors.commissionedFromRound'),
      { stage: sentence('desk.topics.errors.anotherStage') },
    );
  }
  const r = stageInput.safeParse(raw);
  if (r.success) return { ...r.data, translations: parseTranslations(raw.translations, 'reason', reasonText) };
  const issue = r.error.issues[0]!;
  const field = String(issue.path[0] ?? 'stage');
  if (field === 'stage') {
    const said = sentence('desk.topics.errors.chooseStage');
    throw deskRefusal('INVALID', said, { stage: said });
  }
  throw deskInvalid(r.error);
}

const utcSql = (d: Date) => d.toISOString();

const reasonText = deskText(500, 'reason', 3);

/**
 * Other languages' text of one field ({ uk: { reason: "…" } }), each checked like the English one; the
 * error names the field `<field>_<locale>` (the form's field).
 */
function parseTranslations(input: unknown, field: string, schema: z.ZodType<string>): Translations {
  const t = translationsSchema.safeParse(input ?? {});
  if (!t.success) throw new VotingError('INVALID', t.error.issues[0]!.message); // only a forged form gets here
  const out: Translations = {};
  for (const [locale, fields] of Object.entries(t.data)) {
    const value = fields[field]?.trim();
    if (!value) continue;
    const r = schema.safeParse(value);
    if (!r.success) {
      const err = deskInvalid(r.error);
      const said = err.sentence ?? sentence('desk.topics.errors.required', { field: 'reason' });
      throw deskRefusal('INVALID', said, { [`${field}_${locale}`]: said });
    }
    out[locale] = { [field]: r.data };
  }
  return out;
}

/**
 * The editor moves a commissioned topic to its next stage (with the reporter's name, or the public
 * reason for a pause or a decline). Refused unless the move is in NEXT_STAGES. Declining also declines
 * the topic on its round page, with the same reason.
 */
export async function setTopicStage(actor: Actor | null, topicIdIn: string, input: unknown, { now = new Date() }: { now?: Date } = {}) {
  requireEditor(actor);
  const topicId = parseId(topicIdIn, 'topic');
  const data = parseStageInput(input);
  await adoptStageless(topicId);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Two editors at once: the second waits and sees the first one's stage.
    const [row] = await tx.$queryRaw<{ stage: Stage | null; reporterName: string | null }[]>`
      SELECT stage::text AS stage, "reporterName" FROM "Topic" WHERE id = ${topicId} FOR UPDATE`;
    if (!row) throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
    if (!row.stage) throw deskRefusal('CONFLICT', sentence('desk.topics.errors.commissionFirst'));
    if (!NEXT_STAGES[row.stage].includes(data.stage)) {
      throw deskRefusal('CONFLICT', sentence('desk.topics.errors.cannotMove', { from: row.stage, to: data.stage }));
    }
    const reporterName = data.stage === 'ASSIGNED' ? data.reporterName : row.reporterName;
    const reason = data.stage === 'PAUSED' || data.stage === 'DECLINED' ? data.reason : null;
    // The reason in other languages (none without a reason).
    const reasonTranslations = reason ? data.translations : {};
    const topicData: Prisma.TopicUpdateInput = { stage: data.stage, reporterName };
    if (data.stage === 'DECLINED') {
      const current = await tx.topic.findUnique({ where: { id: topicId }, select: { translations: true } });
      const declineReason = Object.fromEntries(Object.entries(reasonTranslations).map(([l, f]) => [l, { declineReason: f.reason! }]));
      Object.assign(topicData, {
        status: 'DECLINED',
        declineReason: reason,
        translations: mergeTranslations(current?.translations, ['declineReason'], declineReason),
      });
    }
    await tx.topic.update({ where: { id: topicId }, data: topicData });
    return tx.topicEvent.create({
      data: {
        topicId,
        stage: data.stage,
        reporterName: data.stage === 'ASSIGNED' || data.stage === 'REPORTING' ? reporterName : null,
        reason,
        ...(Object.keys(reasonTranslations).length ? { translations: reasonTranslations } : {}),
        at: now,
      },
    });
  });
}

/**
 * A topic commissioned or published before progress existed (or seeded without a stage) joins its
 * timeline where it stands, dated when it last changed. Idempotent.
 */
async function adoptStageless(topicId: string): Promise<void> {
  const db = await getDb();
  await db.$executeRaw`
    WITH s AS (
      UPDATE "Topic" SET stage = status::text::"TopicStage"
      WHERE id = ${topicId} AND stage IS NULL AND status IN ('COMMISSIONED', 'PUBLISHED')
      RETURNING id, stage, "updatedAt")
    INSERT INTO "TopicEvent" (id, "topicId", stage, at) SELECT ${newId()}, id, stage, "updatedAt" FROM s`;
}

/** Starts a topic's timeline at "commissioned" (once: a topic already on its timeline is left alone). */
export async function recordCommissioned(
  topicIdIn: string,
  { now = new Date(), tx }: { now?: Date; tx?: Prisma.TransactionClient } = {},
): Promise<boolean> {
  const topicId = parseId(topicIdIn, 'topic');
  const db = tx ?? (await getDb());
  const n = await db.$executeRaw`
    WITH s AS (UPDATE "Topic" SET stage = 'COMMISSIONED' WHERE id = ${topicId} AND stage IS NULL RETURNING id)
    INSERT INTO "TopicEvent" (id, "topicId", stage, at)
    SELECT ${newId()}, id, 'COMMISSIONED', (${utcSql(now)}::timestamptz AT TIME ZONE 'UTC') FROM s`;
  return n > 0;
}

/**
 * Records "published" on the timeline of a topic whose linked article went live: once, however often
 * the loop runs (the UPDATE's condition is the claim; a concurrent run waits on the row and then finds
 * it published). A declined topic stays declined.
 */
export async function recordPublished(
  topicIdIn: string,
  { now = new Date(), tx }: { now?: Date; tx?: Prisma.TransactionClient } = {},
): Promise<boolean> {
  const topicId = parseId(topicIdIn, 'topic');
  const db = tx ?? (await getDb());
  const n = await db.$executeRaw`
    WITH s AS (
      UPDATE "Topic" SET stage = 'PUBLISHED'
      WHERE id = ${topicId} AND stage IS DISTINCT FROM 'PUBLISHED' AND stage IS DISTINCT FROM 'DECLINED' AND status <> 'DECLINED'
      RETURNING id)
    INSERT INTO "TopicEvent" (id, "topicId", stage, at)
    SELECT ${newId()}, id, 'PUBLISHED', (${utcSql(now)}::timestamptz AT TIME ZONE 'UTC') FROM s`;
  return n > 0;
}

const updateBody = deskText(2000, 'update', 3);

/**
 * Staff post a short progress note on a commissioned topic. The update and the job that emails its
 * followers (lib/voting/progress-notify.ts) are written in one transaction: an update is never left
 * unannounced.
 */
export async function postTopicUpdate(
  actor: Actor | null,
  topicIdIn: string,
  body: unknown,
  { now = new Date(), translations }: { now?: Date; /** The update in other languages: { uk: { body } }. */ translations?: unknown } = {},
) {
  const editor = requireEditor(actor);
  const topicId = parseId(topicIdIn, 'topic');
  const r = updateBody.safeParse(body);
  if (!r.success) {
    const said = deskInvalid(r.error).sentence ?? sentence('desk.topics.errors.required', { field: 'update' });
    throw deskRefusal('INVALID', said, { body: said });
  }
  const other = parseTranslations(translations, 'body', updateBody);
  await adoptStageless(topicId);
  const db = await getDb();
  const topic = await db.topic.findUnique({ where: { id: topicId }, select: { stage: true } });
  if (!topic) throw refusal('UNKNOWN_TOPIC', 'unknownTopic');
  if (!topic.stage) throw deskRefusal('CONFLICT', sentence('desk.topics.errors.commissionBeforeUpdates'));
  await getQueue();
  return db.$transaction(async (tx) => {
    const update = await tx.topicUpdate.create({
      data: { topicId, body: r.data, authorId: editor.id, createdAt: now, ...(Object.keys(other).length ? { translations: other } : {}) },
    });
    await enqueue('topic.update-notify', { updateId: update.id }, { tx });
    return update;
  });
}

/**
 * Sets (or, empty, removes) an update's text in other languages after it was posted: readers of those
 * languages see it on the topic page from then on (followers were emailed when it was posted).
 */
export async function setTopicUpdateTranslations(actor: Actor | null, topicIdIn: string, updateIdIn: string, translations: unknown) {
  requireEditor(actor);
  const topicId = parseId(topicIdIn, 'topic');
  const updateId = parseId(updateIdIn, 'update');
  const given = parseTranslations(translations, 'body', updateBody);
  const db = await getDb();
  const update = await db.topicUpdate.findFirst({ where: { id: updateId, topicId }, select: { translations: true } });
  if (!update) throw deskRefusal('INVALID', sentence('desk.topics.errors.updateGone'));
  await db.topicUpdate.update({ where: { id: updateId }, data: { translations: mergeTranslations(update.translations, ['body'], given) } });
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

/** Topics with a progress page: those commissioned at some point (a stage), in a public round. */
const progressWhere = (topicId: string): Prisma.TopicWhereInput => ({
  id: topicId,
  OR: [{ stage: { not: null } }, { status: { in: ['COMMISSIONED', 'PUBLISHED'] } }],
  round: { status: { not: 'DRAFT' } },
});

export type TopicProgress = {
  topic: {
    id: string;
    title: string;
    description: string;
    stage: Stage;
    reporterName: string | null;
    declineReason: string | null;
    /** Title and description in other languages (lib/i18n/content.ts). */
    translations?: unknown;
  };
  round: { slug: string; title: string; closesAt: Date; translations?: unknown };
  /** `translations`: the reason in other languages; an update's: its body (lib/i18n/content.ts). */
  events: { id: string; stage: Stage; reporterName: string | null; reason: string | null; translations?: unknown; at: Date }[];
  updates: { id: string; body: string; translations?: unknown; createdAt: Date }[];
  articles: { slug: string; title: string }[];
  /** Patrons who voted for it; null while the round's results are hidden. */
  voters: number | null;
};

/** The public progress page of a topic: null unless the round slug matches and the topic has a timeline. */
export async function getTopicProgress(
  roundSlug: string,
  topicIdIn: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<TopicProgress | null> {
  if (typeof roundSlug !== 'string' || !/^[a-z0-9-]{1,120}$/.test(roundSlug)) return null;
  if (typeof topicIdIn !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(topicIdIn)) return null;
  const db = await getDb();
  const t = await db.topic.findFirst({
    where: progressWhere(topicIdIn),
    select: {
      id: true,
      title: true,
      description: true,
      stage: true,
      status: true,
      reporterName: true,
      declineReason: true,
      translations: true,
      round: {
        select: { slug: true, title: true, status: true, opensAt: true, closesAt: true, resultsVisibility: true, translations: true },
      },
      events: {
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        select: { id: true, stage: true, reporterName: true, reason: true, translations: true, at: true },
      },
      updates: {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 100,
        select: { id: true, body: true, translations: true, createdAt: true },
      },
      articles: {
        orderBy: { createdAt: 'asc' },
        select: { article: { select: { slug: true, title: true, status: true, publishedAt: true } } },
      },
    },
  });
  if (!t || t.round.slug !== roundSlug) return null;
  const phase = roundPhase(t.round, now);
  const visible = phase === 'CLOSED' || t.round.resultsVisibility === 'LIVE';
  const voters = visible ? await db.vote.count({ where: { topicId: t.id } }) : null;
  const stage: Stage = t.stage ?? (t.status === 'PUBLISHED' ? 'PUBLISHED' : 'COMMISSIONED');
  // A topic without a timeline yet (commissioned before progress existed): its one known step.
  const events = t.events.length ? t.events : [{ id: `${t.id}-start`, stage, reporterName: null, reason: null, at: t.round.closesAt }];
  return {
    topic: {
      id: t.id,
      title: t.title,
      description: t.description,
      stage,
      reporterName: t.reporterName,
      declineReason: t.status === 'DECLINED' ? t.declineReason : null,
      translations: t.translations,
    },
    round: { slug: t.round.slug, title: t.round.title, closesAt: t.round.closesAt, translations: t.round.translations },
    events,
    updates: t.updates,
    articles: t.articles
      .map((a) => a.article)
      .filter((a) => isVisible(a, now))
      .map((a) => ({ slug: a.slug, title: a.title })),
    voters,
  };
}

/** The public path of a topic's progress page (for revalidation), or null for an unknown topic. */
export async function topicProgressPath(topicIdIn: string): Promise<string | null> {
  const topicId = parseId(topicIdIn, 'topic');
  const db = await getDb();
  const t = await db.topic.findUnique({ where: { id: topicId }, select: { round: { select: { slug: true } } } });
  return t ? `/topics/${t.round.slug}/${topicId}` : null;
}

/** Whether a topic has a public progress page (and so can be followed). */
export async function hasProgressPage(topicIdIn: string): Promise<boolean> {
  const topicId = parseId(topicIdIn, 'topic');
  const db = await getDb();
  return (await db.topic.count({ where: progressWhere(topicId) })) > 0;
}

/** Desk view: the topic, its round, timeline, updates (with delivery state) and who follows it. */
export async function getTopicForDesk(actor: Actor | null, topicIdIn: string) {
  if (!actor || !hasRole(actor.role, 'EDITOR')) throw new VotingError('FORBIDDEN', 'Only editors can do this.');
  if (typeof topicIdIn !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(topicIdIn)) return null;
  const db = await getDb();
  return db.topic.findUnique({
    where: { id: topicIdIn },
    select: {
      id: true,
      title: true,
      description: true,
      translations: true,
      status: true,
      stage: true,
      reporterName: true,
      round: { select: { id: true, slug: true, title: true, status: true } },
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
      updates: {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 100,
        include: { author: { select: { name: true, email: true } } },
      },
    },
  });
}
