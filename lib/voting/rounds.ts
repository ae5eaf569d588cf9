/**
 * Rounds: created and run by EDITOR+. A round is DRAFT until opened; OPEN rounds take votes between
 * opensAt (inclusive) and closesAt (exclusive); a round is CLOSED when an editor closes it OR when
 * closesAt has passed (derived everywhere via `roundPhase`, no cron needed).
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { hasRole, type Role } from '@/lib/auth/roles';
import { slugify } from '@/lib/articles/slugify';
import { mergeTranslations, translationsSchema } from '@/lib/i18n/content';
import { invalidInput, roundPhase, VotingError, type RoundPhase, refusal } from './rules';
import { isUniqueViolation } from '@/lib/db/errors';
import { parseId } from './votes';
import { deskInvalid, deskRefusal } from './desk-refusals';
import { coded } from '@/lib/i18n/said';
import { sentence } from '@/lib/i18n/sentence';
import { textField } from '@/lib/i18n/text-field';

export type Actor = { id: string; role: Role };

export function requireEditor(actor: Actor | null | undefined): Actor {
  if (!actor) throw new VotingError('NOT_SIGNED_IN', 'Sign in to do this.');
  if (!hasRole(actor.role, 'EDITOR')) throw new VotingError('FORBIDDEN', 'Only editors can do this.');
  return actor;
}

// Messages are catalogue sentences (desk.rounds.errors), said in the editor's language by the desk.
const dateField = (field: 'opensAt' | 'closesAt') =>
  z.preprocess(
    (v) => (v instanceof Date ? v : typeof v === 'string' && v.trim() ? new Date(v) : v),
    z
      .date({ error: coded(sentence('desk.rounds.errors.date', { field })) })
      .refine((d) => !Number.isNaN(d.getTime()), coded(sentence('desk.rounds.errors.date', { field }))),
  );

const intField = (field: 'votesPerPatron' | 'suggestionsPerPatron', min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z
      .number({ error: coded(sentence('desk.rounds.errors.intRange', { field, min, max })) })
      .int(coded(sentence('desk.rounds.errors.int', { field })))
      .min(min, coded(sentence('desk.rounds.errors.intMin', { field, min })))
      .max(max, coded(sentence('desk.rounds.errors.intMax', { field, max }))),
  );

/** /topics/archive is a page, not a round. */
const RESERVED_SLUGS = new Set(['archive', 'new']);

export const roundInputSchema = z
  .object({
    title: z
      .string({ error: coded(sentence('desk.rounds.errors.titleRequired')) })
      .trim()
      .min(1, coded(sentence('desk.rounds.errors.titleRequired')))
      .max(200, coded(sentence('desk.rounds.errors.titleLong'))),
    description: textField({ max: [5000, sentence('desk.rounds.errors.descriptionLong')] }).default(''),
    slug: textField({ max: [120, sentence('desk.rounds.errors.slugLong')] })
      .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, coded(sentence('desk.rounds.errors.slugPattern')))
      .refine((s) => !RESERVED_SLUGS.has(s), coded(sentence('desk.rounds.errors.slugReserved')))
      .optional(),
    opensAt: dateField('opensAt'),
    closesAt: dateField('closesAt'),
    votesPerPatron: intField('votesPerPatron', 1, 10).default(3),
    suggestionsPerPatron: intField('suggestionsPerPatron', 0, 10).default(2),
    resultsVisibility: z.enum(['LIVE', 'AFTER_CLOSE'], { error: coded(sentence('desk.rounds.errors.resultsVisibility')) }).default('LIVE'),
    // A checkbox: "on" when ticked, absent otherwise.
    joinedBeforeOpenOnly: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
    // Title and description in the site's other languages (lib/i18n/content.ts); absent leaves them as they are.
    translations: translationsSchema.optional(),
  })
  .refine((r) => r.opensAt.getTime() < r.closesAt.getTime(), {
    path: ['closesAt'],
    message: coded(sentence('desk.rounds.errors.closeAfterOpen')),
  });

export type RoundInput = z.input<typeof roundInputSchema>;

function parseRound(input: unknown) {
  const r = roundInputSchema.safeParse(input);
  if (!r.success) throw deskInvalid(r.error);
  return r.data;
}

export async function createRound(actor: Actor | null, input: unknown) {
  requireEditor(actor);
  const data = parseRound(input);
  const db = await getDb();
  let base = data.slug || slugify(data.title, 80) || 'round';
  if (RESERVED_SLUGS.has(base)) base = `${base}-round`;
  for (let i = 0; i < 5; i++) {
    const slug = i === 0 ? base : `${base}-${i + 1}`;
    try {
      return await db.round.create({
        data: { ...roundFields(data), slug },
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (data.slug) throw slugTaken();
    }
  }
  throw deskRefusal('CONFLICT', sentence('desk.rounds.errors.noFreeSlug'));
}

const slugTaken = () =>
  deskRefusal('INVALID', sentence('desk.rounds.errors.slugTaken'), { slug: sentence('desk.rounds.errors.slugTaken') });

/** The editable fields of a round, from validated form input: everything but the slug (fixed once created). */
function roundFields({ slug: _slug, ...fields }: ReturnType<typeof parseRound>) {
  return fields;
}

export async function updateRound(actor: Actor | null, roundIdIn: string, input: unknown) {
  requireEditor(actor);
  const roundId = parseId(roundIdIn, 'round');
  const data = parseRound(input);
  const db = await getDb();
  const round = await db.round.findUnique({
    where: { id: roundId },
    select: { votesPerPatron: true, slug: true, joinedBeforeOpenOnly: true, translations: true },
  });
  if (!round) throw refusal('UNKNOWN_ROUND', 'unknownRound');
  const rulesChanged = data.votesPerPatron !== round.votesPerPatron || data.joinedBeforeOpenOnly !== round.joinedBeforeOpenOnly;
  if (rulesChanged && (await db.ballot.count({ where: { roundId } })) > 0) {
    // Votes already cast were cast under the old rules: changing them now would make the count unfair.
    if (data.votesPerPatron !== round.votesPerPatron) {
      const msg = sentence('desk.rounds.errors.votesLocked');
      throw deskRefusal('INVALID', msg, { votesPerPatron: msg });
    }
    const msg = sentence('desk.rounds.errors.whoLocked');
    throw deskRefusal('INVALID', msg, { joinedBeforeOpenOnly: msg });
  }
  try {
    return await db.round.update({
      where: { id: roundId },
      data: {
        ...roundFields(data),
        slug: data.slug || round.slug,
        // The form edits the title and summary translations; the commitment's (set when closing) stays.
        ...(data.translations ? { translations: mergeTranslations(round.translations, ['title', 'description'], data.translations) } : {}),
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slugTaken();
    throw err;
  }
}

/** DRAFT → OPEN (votes are taken between opensAt and closesAt). */
export async function openRound(actor: Actor | null, roundIdIn: string) {
  requireEditor(actor);
  const roundId = parseId(roundIdIn, 'round');
  const db = await getDb();
  const r = await db.round.updateMany({ where: { id: roundId, status: 'DRAFT' }, data: { status: 'OPEN' } });
  if (r.count === 0) {
    const exists = await db.round.findUnique({ where: { id: roundId }, select: { status: true } });
    if (!exists) throw refusal('UNKNOWN_ROUND', 'unknownRound');
    throw deskRefusal(
      'CONFLICT',
      exists.status === 'OPEN' ? sentence('desk.rounds.errors.alreadyOpen') : sentence('desk.rounds.errors.noReopen'),
    );
  }
}

const commitmentSchema = z
  .string()
  .trim()
  .max(5000, coded(sentence('desk.rounds.errors.commitmentLong')));
const commitmentTooLong = (field: string) =>
  deskRefusal('INVALID', sentence('desk.rounds.errors.commitmentLong'), { [field]: sentence('desk.rounds.errors.commitmentLong') });

/** Closes the round now (or records the commitment of a round that closed by the clock). */
export async function closeRound(
  actor: Actor | null,
  roundIdIn: string,
  {
    commitment = '',
    translations = {},
    now = new Date(),
  }: { commitment?: unknown; /** The commitment in other languages: { uk: { commitment } }. */ translations?: unknown; now?: Date } = {},
) {
  requireEditor(actor);
  const roundId = parseId(roundIdIn, 'round');
  const c = commitmentSchema.safeParse(commitment ?? '');
  if (!c.success) throw commitmentTooLong('commitment');
  const given = commitmentTranslations(translations);
  const db = await getDb();
  const round = await db.round.findUnique({ where: { id: roundId } });
  if (!round) throw refusal('UNKNOWN_ROUND', 'unknownRound');
  if (round.status === 'DRAFT') throw deskRefusal('CONFLICT', sentence('desk.rounds.errors.closeDraft'));
  const closedAt = round.closedAt ?? (now.getTime() < round.closesAt.getTime() ? now : round.closesAt);
  return db.round.update({
    where: { id: roundId },
    data: { status: 'CLOSED', closedAt, commitment: c.data, translations: mergeTranslations(round.translations, ['commitment'], given) },
  });
}

function commitmentTranslations(translations: unknown) {
  const t = translationsSchema.safeParse(translations ?? {});
  if (!t.success) throw invalidInput(t.error);
  for (const [, fields] of Object.entries(t.data)) {
    const c = commitmentSchema.safeParse(fields.commitment ?? '');
    if (!c.success) throw commitmentTooLong('commitment_uk');
  }
  return t.data;
}

/** The newsroom's commitment shown with the results (and its translations); editable after the round closed. */
export async function setCommitment(actor: Actor | null, roundIdIn: string, commitment: unknown, translations: unknown = {}) {
  requireEditor(actor);
  const roundId = parseId(roundIdIn, 'round');
  const c = commitmentSchema.safeParse(commitment ?? '');
  if (!c.success) throw commitmentTooLong('commitment');
  const given = commitmentTranslations(translations);
  const db = await getDb();
  const round = await db.round.findUnique({ where: { id: roundId }, select: { translations: true } });
  if (!round) throw refusal('UNKNOWN_ROUND', 'unknownRound');
  await db.round.update({
    where: { id: roundId },
    data: { commitment: c.data, translations: mergeTranslations(round.translations, ['commitment'], given) },
  });
}

export type RoundSummary = {
  id: string;
  slug: string;
  title: string;
  description: string;
  status: 'DRAFT' | 'OPEN' | 'CLOSED';
  phase: RoundPhase;
  opensAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  votesPerPatron: number;
  suggestionsPerPatron: number;
  resultsVisibility: 'LIVE' | 'AFTER_CLOSE';
  joinedBeforeOpenOnly: boolean;
  commitment: string;
  /** Title and description in other languages (lib/i18n/content.ts `localized`). */
  translations?: unknown;
};

function summary<R extends Omit<RoundSummary, 'phase'>>(r: R, now: Date): RoundSummary {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    description: r.description,
    status: r.status,
    phase: roundPhase(r, now),
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    closedAt: r.closedAt,
    votesPerPatron: r.votesPerPatron,
    suggestionsPerPatron: r.suggestionsPerPatron,
    resultsVisibility: r.resultsVisibility,
    joinedBeforeOpenOnly: r.joinedBeforeOpenOnly,
    commitment: r.commitment,
    translations: r.translations ?? null,
  };
}

/** The round taking votes now (the one closing soonest if several). */
export async function currentOpenRound(now: Date = new Date()): Promise<RoundSummary | null> {
  const db = await getDb();
  const r = await db.round.findFirst({
    where: { status: 'OPEN', opensAt: { lte: now }, closesAt: { gt: now } },
    orderBy: [{ closesAt: 'asc' }, { id: 'asc' }],
  });
  return r ? summary(r, now) : null;
}

/** A public round by slug (drafts are not public). */
export async function getPublicRoundBySlug(slug: string, now: Date = new Date()): Promise<RoundSummary | null> {
  if (typeof slug !== 'string' || slug.length > 120 || !/^[a-z0-9-]+$/.test(slug)) return null;
  const db = await getDb();
  const r = await db.round.findUnique({ where: { slug } });
  if (!r || r.status === 'DRAFT') return null;
  return summary(r, now);
}

export async function getRoundForDesk(idIn: string, now: Date = new Date()): Promise<RoundSummary | null> {
  if (typeof idIn !== 'string' || !idIn || idIn.length > 100) return null;
  const db = await getDb();
  const r = await db.round.findUnique({ where: { id: idIn } });
  return r ? summary(r, now) : null;
}

/** Past rounds (closed by an editor or by the clock), newest first: the public record. */
export async function listPastRounds(now: Date = new Date()): Promise<RoundSummary[]> {
  const db = await getDb();
  const rows = await db.round.findMany({
    where: { OR: [{ status: 'CLOSED' }, { status: 'OPEN', closesAt: { lte: now } }] },
    orderBy: [{ closesAt: 'desc' }, { id: 'asc' }],
    take: 200,
  });
  return rows.map((r) => summary(r, now));
}

export async function listRoundsForDesk(now: Date = new Date()) {
  const db = await getDb();
  const rows = await db.round.findMany({
    orderBy: [{ createdAt: 'desc' }],
    take: 200,
    include: { _count: { select: { votes: true, topics: true } } },
  });
  const proposed = await db.topic.groupBy({ by: ['roundId'], where: { status: 'PROPOSED' }, _count: { _all: true } });
  const pendingBy = new Map(proposed.map((p) => [p.roundId, p._count._all]));
  return rows.map((r) => ({ ...summary(r, now), votes: r._count.votes, topics: r._count.topics, proposed: pendingBy.get(r.id) ?? 0 }));
}
