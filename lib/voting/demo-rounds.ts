/**
 * The demo newsroom's topic rounds (prisma/demo/rounds.json): one open round with live results and
 * past rounds whose winners link to the demo articles they produced, one topic still in reporting and
 * one declined with the editor's reason. Times are relative to `now` (an open round opened a few days
 * ago, closing about ten days after it opened).
 *
 * Seeding is idempotent (fixed ids, duplicates skipped) and every row's id starts with "demo_", so
 * `removeDemoRounds` (and `removeDemoPatrons`) delete them and only them. Votes are not written here:
 * the demo patrons cast them (lib/analytics/demo-patrons.ts), so the dashboard counts exactly the
 * votes the pages show.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { onlyRow, sqlOf } from '@/lib/db/sql';

export const DEMO_ROUNDS_FILE = path.resolve(process.cwd(), 'prisma', 'demo', 'rounds.json');
const DAY = 86_400_000;

type TopicStatus = 'OPEN' | 'COMMISSIONED' | 'PUBLISHED' | 'DECLINED';
type DemoTopicSource = {
  title: string;
  description: string;
  section?: string;
  status?: TopicStatus;
  weight: number;
  suggested?: boolean;
  articles?: string[];
  declineReason?: string;
  /** A commissioned topic's progress: its stage, its reporter, and staff updates (already emailed). */
  progress?: { stage: 'ASSIGNED' | 'REPORTING' | 'PAUSED'; reporterName?: string; updates?: { daysAfterClose: number; body: string }[] };
};
type DemoRoundSource = { slug: string; title: string; description: string; days: number; commitment?: string; topics: DemoTopicSource[] };
export type DemoRoundsFile = {
  open: DemoRoundSource & { openedDaysAgo: number };
  past: (DemoRoundSource & { closedDaysAgo: number })[];
};

export type DemoTopic = { id: string; title: string; weight: number; suggested: boolean; status: TopicStatus };
export type DemoRound = {
  id: string;
  slug: string;
  open: boolean;
  opensAt: number;
  closesAt: number;
  votesPerPatron: number;
  topics: DemoTopic[];
};

export const demoRoundId = (slug: string) => `demo_round_${slug}`;
export const demoTopicId = (slug: string, j: number) => `demo_topic_${slug}_${j}`;

export async function loadDemoRounds(file = DEMO_ROUNDS_FILE): Promise<DemoRoundsFile> {
  const data = JSON.parse(await fs.readFile(file, 'utf8')) as DemoRoundsFile;
  for (const round of [data.open, ...data.past]) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(round.slug)) throw new Error(`rounds.json: bad slug "${round.slug}"`);
    for (const t of round.topics) {
      if (!(t.weight > 0)) throw new Error(`rounds.json: ${round.slug}: "${t.title}" needs a positive weight`);
      if (t.status === 'DECLINED' && !t.declineReason)
        throw new Error(`rounds.json: ${round.slug}: declined "${t.title}" needs the editor's reason`);
    }
  }
  return data;
}

/**
 * Draws `n` distinct indexes, each with probability proportional to its weight among those left
 * (so the topics written to win do win, by a believable margin). `next` returns [0, 1).
 */
export function pickWeighted(next: () => number, weights: readonly number[], n: number): number[] {
  const left = weights.map((w, i) => ({ w, i }));
  const out: number[] = [];
  while (out.length < n && left.length) {
    let x = next() * left.reduce((s, l) => s + l.w, 0);
    let k = 0;
    while (k < left.length - 1 && x >= left[k]!.w) x -= left[k++]!.w;
    out.push(left[k]!.i);
    left.splice(k, 1);
  }
  return out;
}

/**
 * Writes the demo rounds, their topics and the winners' article links (articles that are not in the
 * database are skipped). Idempotent. Returns the rounds as stored, so a second call made later gets
 * the first call's times.
 */
export async function seedDemoRounds(prisma: PrismaClient, now = new Date(), file = DEMO_ROUNDS_FILE): Promise<DemoRound[]> {
  const data = await loadDemoRounds(file);
  const t = now.getTime();
  const sources = [
    {
      src: data.open,
      open: true,
      opensAt: t - data.open.openedDaysAgo * DAY,
      closesAt: t - data.open.openedDaysAgo * DAY + data.open.days * DAY,
    },
    ...data.past.map((p) => ({
      src: p as DemoRoundSource,
      open: false,
      opensAt: t - (p.closedDaysAgo + p.days) * DAY,
      closesAt: t - p.closedDaysAgo * DAY,
    })),
  ];
  const sections = new Map((await prisma.section.findMany({ select: { id: true, slug: true } })).map((s) => [s.slug, s.id]));
  const articles = new Map(
    (
      await prisma.article.findMany({
        where: { slug: { in: sources.flatMap((s) => s.src.topics.flatMap((tp) => tp.articles ?? [])) } },
        select: { id: true, slug: true },
      })
    ).map((a) => [a.slug, a.id]),
  );

  // A real round may already use one of these slugs: that round is skipped (its topics too).
  await prisma.round.createMany({
    skipDuplicates: true,
    data: sources.map(({ src, open, opensAt, closesAt }) => ({
      id: demoRoundId(src.slug),
      slug: src.slug,
      title: src.title,
      description: src.description,
      status: open ? ('OPEN' as const) : ('CLOSED' as const),
      opensAt: new Date(opensAt),
      closesAt: new Date(closesAt),
      closedAt: open ? null : new Date(closesAt),
      commitment: src.commitment ?? '',
      createdAt: new Date(opensAt - 2 * DAY),
    })),
  });
  const stored = new Map(
    (await prisma.round.findMany({ where: { id: { in: sources.map((s) => demoRoundId(s.src.slug)) } } })).map((r) => [r.id, r]),
  );
  const live = sources.filter((s) => stored.has(demoRoundId(s.src.slug)));
  await prisma.topic.createMany({
    skipDuplicates: true,
    data: live.flatMap(({ src }) => {
      const opensAt = stored.get(demoRoundId(src.slug))!.opensAt.getTime();
      return src.topics.map((tp, j) => ({
        id: demoTopicId(src.slug, j),
        roundId: demoRoundId(src.slug),
        title: tp.title,
        description: tp.description,
        sectionId: (tp.section && sections.get(tp.section)) || null,
        status: tp.status ?? 'OPEN',
        declineReason: tp.status === 'DECLINED' ? (tp.declineReason ?? null) : null,
        // Patrons' suggestions arrive in the first days of a round; the newsroom's are there at the start.
        createdAt: new Date(opensAt + (tp.suggested ? (1 + (j % 2)) * DAY : j * 60_000)),
      }));
    }),
  });
  await prisma.topicArticle.createMany({
    skipDuplicates: true,
    data: live.flatMap(({ src }) =>
      src.topics.flatMap((tp, j) =>
        (tp.articles ?? []).flatMap((slug) =>
          articles.has(slug) ? [{ topicId: demoTopicId(src.slug, j), articleId: articles.get(slug)! }] : [],
        ),
      ),
    ),
  });

  await seedDemoProgress(
    prisma,
    live.map(({ src }) => ({ src, closesAt: stored.get(demoRoundId(src.slug))!.closesAt.getTime() })),
    articles,
  );

  return live.map(({ src, open }) => {
    const r = stored.get(demoRoundId(src.slug))!;
    return {
      id: r.id,
      slug: r.slug,
      open,
      opensAt: r.opensAt.getTime(),
      closesAt: r.closesAt.getTime(),
      votesPerPatron: r.votesPerPatron,
      topics: src.topics.map((tp, j) => ({
        id: demoTopicId(src.slug, j),
        title: tp.title,
        weight: tp.weight,
        suggested: Boolean(tp.suggested),
        status: tp.status ?? 'OPEN',
      })),
    };
  });
}

/**
 * The timelines of the past rounds' topics, as staff would have written them: commissioned the day
 * after the round closed; assigned and reporting for the one in progress, with its updates (marked
 * emailed, so the demo never emails anyone); published when the linked article went live; declined
 * with the editor's reason. Only topics without a stage yet are touched (idempotent).
 */
async function seedDemoProgress(
  prisma: PrismaClient,
  rounds: { src: DemoRoundSource; closesAt: number }[],
  articles: Map<string, string>,
): Promise<void> {
  const published = new Map(
    (await prisma.article.findMany({ where: { id: { in: [...articles.values()] } }, select: { id: true, publishedAt: true } })).map((a) => [
      a.id,
      a.publishedAt,
    ]),
  );
  for (const { src, closesAt } of rounds) {
    for (const [j, tp] of src.topics.entries()) {
      const status = tp.status ?? 'OPEN';
      if (status === 'OPEN') continue;
      const topicId = demoTopicId(src.slug, j);
      const at = (days: number) => new Date(closesAt + days * DAY);
      const events: {
        stage: 'COMMISSIONED' | 'ASSIGNED' | 'REPORTING' | 'PUBLISHED' | 'PAUSED' | 'DECLINED';
        at: Date;
        reporterName?: string;
        reason?: string;
      }[] = [];
      if (status === 'DECLINED') events.push({ stage: 'DECLINED', at: at(1), reason: tp.declineReason ?? '' });
      else {
        events.push({ stage: 'COMMISSIONED', at: at(1) });
        if (tp.progress?.reporterName) events.push({ stage: 'ASSIGNED', at: at(2), reporterName: tp.progress.reporterName });
        if (tp.progress && tp.progress.stage !== 'ASSIGNED') events.push({ stage: tp.progress.stage, at: at(3) });
        if (status === 'PUBLISHED') {
          const live = (tp.articles ?? []).map((slug) => published.get(articles.get(slug) ?? '')).find(Boolean);
          events.push({ stage: 'PUBLISHED', at: live && live.getTime() > closesAt ? live : at(10) });
        }
      }
      const last = events.at(-1)!;
      const claimed = await prisma.topic.updateMany({
        where: { id: topicId, stage: null },
        data: { stage: last.stage, reporterName: tp.progress?.reporterName ?? null },
      });
      if (!claimed.count) continue;
      await prisma.topicEvent.createMany({
        data: events.map((e) => ({ topicId, stage: e.stage, at: e.at, reporterName: e.reporterName ?? null, reason: e.reason ?? null })),
      });
      const updates = tp.progress?.updates ?? [];
      if (updates.length) {
        await prisma.topicUpdate.createMany({
          data: updates.map((u) => ({ topicId, body: u.body, createdAt: at(u.daysAfterClose), notifiedAt: at(u.daysAfterClose) })),
        });
      }
    }
  }
}

/**
 * After the demo patrons voted: each round's suggested topics are credited to patrons who voted in it
 * (the earliest voters, one each), and every voter gets the ballot the voting path would have kept.
 */
export async function finishDemoRounds(prisma: PrismaClient, rounds: DemoRound[]): Promise<void> {
  const sql = sqlOf(prisma);
  for (const round of rounds) {
    const suggested = round.topics.filter((t) => t.suggested);
    if (!suggested.length) continue;
    const voters = await sql.query<{ userId: string }>(
      `SELECT "userId" FROM "Vote" WHERE "roundId" = $1 GROUP BY "userId" ORDER BY min("createdAt"), "userId" LIMIT $2`,
      [round.id, suggested.length],
    );
    for (const [k, t] of suggested.entries()) {
      if (voters[k])
        await sql.query(`UPDATE "Topic" SET "suggestedById" = $1 WHERE id = $2 AND "suggestedById" IS NULL`, [voters[k].userId, t.id]);
    }
  }
  await sql.query(
    `INSERT INTO "Ballot" ("userId", "roundId", budget, used, "updatedAt")
     SELECT v."userId", v."roundId", r."votesPerPatron", count(*)::int, max(v."createdAt")
     FROM "Vote" v JOIN "Round" r ON r.id = v."roundId"
     WHERE v."roundId" = ANY($1::text[]) GROUP BY v."userId", v."roundId", r."votesPerPatron"
     ON CONFLICT ("userId", "roundId") DO NOTHING`,
    [rounds.map((r) => r.id)],
  );
}

/** Deletes the demo rounds (their topics, votes, ballots and article links go with them). */
export async function removeDemoRounds(prisma: PrismaClient): Promise<number> {
  const sql = sqlOf(prisma);
  // CTA counts on demo rounds are demo data only.
  await sql.query(`DELETE FROM "CtaDaily" WHERE source IN (SELECT slug FROM "Round" WHERE id LIKE 'demo\\_%')`);
  const { n } = onlyRow(
    await sql.query<{ n: number }>(
      `WITH gone AS (DELETE FROM "Round" WHERE id LIKE 'demo\\_%' RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    ),
  );
  return n;
}
