/** Reads for reader pages: the "Commissioned by N patrons" mark, the open round's call to vote, the home page's round module. */
import { getDb } from '@/lib/db/client';
import { parseId, roundResults } from './votes';
import { currentOpenRound } from './rounds';

export type CommissionedMark = { count: number; roundSlug: string; roundTitle: string };

/**
 * For an article linked to voted topics: how many distinct patrons voted for those topics, and the
 * round to link to (the most recent one). Null when the article answers no topic of a public round,
 * or nobody voted for it.
 */
export async function commissionedMarkForArticle(articleIdIn: string): Promise<CommissionedMark | null> {
  let articleId: string;
  try {
    articleId = parseId(articleIdIn, 'article');
  } catch {
    return null;
  }
  const db = await getDb();
  const links = await db.topicArticle.findMany({
    where: { articleId, topic: { status: { notIn: ['DECLINED', 'MERGED', 'PROPOSED'] }, round: { status: { not: 'DRAFT' } } } },
    select: { topicId: true, topic: { select: { round: { select: { slug: true, title: true, closesAt: true } } } } },
  });
  if (links.length === 0) return null;
  const topicIds = links.map((l) => l.topicId);
  const [row] = await db.$queryRaw<
    { n: number }[]
  >`SELECT count(DISTINCT "userId")::int AS n FROM "Vote" WHERE "topicId" = ANY(${topicIds})`;
  const count = row?.n ?? 0;
  if (count === 0) return null;
  const round = links.map((l) => l.topic.round).sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime())[0]!;
  return { count, roundSlug: round.slug, roundTitle: round.title };
}

export type RoundCtaData = {
  round: { slug: string; title: string; closesAt: Date; votesPerPatron: number };
  /** Open topics of that section; when the section has none, the round's first open topics. */
  topics: { id: string; title: string }[];
  sectionMatched: boolean;
};

/** The open round and its topics for a section, for the article page's CTA slot. Null when no round is open. */
export async function openRoundForSection(
  sectionId: string | null | undefined,
  { now = new Date(), limit = 3 }: { now?: Date; limit?: number } = {},
): Promise<RoundCtaData | null> {
  const round = await currentOpenRound(now);
  if (!round) return null;
  const db = await getDb();
  const validSection = typeof sectionId === 'string' && sectionId.length > 0 && sectionId.length <= 100;
  let topics = validSection
    ? await db.topic.findMany({
        where: { roundId: round.id, status: 'OPEN', sectionId },
        orderBy: { createdAt: 'asc' },
        take: limit,
        select: { id: true, title: true },
      })
    : [];
  const sectionMatched = topics.length > 0;
  if (!sectionMatched) {
    topics = await db.topic.findMany({
      where: { roundId: round.id, status: 'OPEN' },
      orderBy: { createdAt: 'asc' },
      take: limit,
      select: { id: true, title: true },
    });
  }
  return {
    round: { slug: round.slug, title: round.title, closesAt: round.closesAt, votesPerPatron: round.votesPerPatron },
    topics,
    sectionMatched,
  };
}

export type HomeRoundData = {
  round: { slug: string; title: string; closesAt: Date; votesPerPatron: number };
  /** The leading topics (by votes when results are live; otherwise the first topics, votes null). */
  leading: { id: string; title: string; votes: number | null }[];
  topicCount: number;
  /** Distinct patrons who voted so far; null while results are hidden. */
  voters: number | null;
};

/**
 * The home page's module: the open round and its leading topics. What anyone would see (no viewer),
 * so the page stays cached for everyone. Null when no round is open.
 */
export async function openRoundForHome({
  now = new Date(),
  limit = 3,
}: { now?: Date; limit?: number } = {}): Promise<HomeRoundData | null> {
  const round = await currentOpenRound(now);
  if (!round) return null;
  const results = await roundResults(round, { now });
  if (!results) return null;
  const open = results.topics.filter((t) => t.status === 'OPEN');
  return {
    round: { slug: round.slug, title: round.title, closesAt: round.closesAt, votesPerPatron: round.votesPerPatron },
    leading: open.slice(0, limit).map((t) => ({ id: t.id, title: t.title, votes: t.votes })),
    topicCount: open.length,
    voters: results.turnout?.voters ?? null,
  };
}

/** "5 days left", "1 day left", "6 hours left", "Closing soon": rounded down, so never more than is left. */
export function timeLeftLabel(closesAt: Date, now = new Date()): string {
  const ms = closesAt.getTime() - now.getTime();
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return `${days} ${days === 1 ? 'day' : 'days'} left`;
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} ${hours === 1 ? 'hour' : 'hours'} left`;
  return 'Closing soon';
}
