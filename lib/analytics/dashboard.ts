/**
 * The supporter dashboard's figures (issue #6). Levels and flows come from DailyRollup (kept up to date
 * by the webhook path, rebuilt by `npm run analytics:recompute`); attribution, the funnel and retention
 * are read from Checkout, CtaDaily, SubscriptionChange and Vote. Shapes: lib/analytics/types.ts.
 */
import { z } from 'zod';
import { getSql } from '@/lib/db/client';
import { utcParam } from '@/lib/db/sql-time';
import { formatMonthLabel, formatShortDay } from '@/lib/format/dates';
import { onlyRow, type Sql } from '@/lib/db/sql';
import { convert, exchangeRates, ratesInto, reportingCurrency } from './config';
import type {
  Attribution,
  AttributionRow,
  Dashboard,
  DashboardQuery,
  Figure,
  Funnel,
  Granularity,
  Headline,
  MixRow,
  MoneyFigure,
  Retention,
  RetentionGroup,
  SeriesPoint,
  TopicStats,
} from './types';
import { DomainError } from '@/lib/errors/domain-error';
import { asIssue, issueSentence } from '@/lib/errors/zod-sentence';
import { sayInEnglish, sentence, type Sentence } from '@/lib/i18n/sentence';

export type * from './types';

const DAY = 86_400_000;

/** Bad dashboard parameters: every problem found, as sentences (`sentences`), said in English as the message. */
export class DashboardQueryError extends DomainError {
  readonly sentences: readonly Sentence[];
  constructor(sentences: Sentence | readonly Sentence[]) {
    const all = Array.isArray(sentences) ? (sentences as readonly Sentence[]) : [sentences as Sentence];
    super({ code: 'INVALID', status: 400, sentence: all[0]!, message: all.map(sayInEnglish).join(' ') });
    this.sentences = all;
  }
}

const RANGES = { '3m': 3, '6m': 6, '12m': 12, '24m': 24 } as const;
const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, asIssue(sentence('dashboard.errors.dateFormat')))
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), asIssue(sentence('dashboard.errors.noSuchDate')));

const paramsSchema = z.object({
  from: dateParam.optional(),
  to: dateParam.optional(),
  range: z
    .enum(Object.keys(RANGES) as [keyof typeof RANGES, ...(keyof typeof RANGES)[]], {
      message: asIssue(sentence('dashboard.errors.range')),
    })
    .optional(),
  granularity: z.enum(['week', 'month'], { message: asIssue(sentence('dashboard.errors.granularity')) }).optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, asIssue(sentence('dashboard.errors.currency')))
    .transform((s) => s.toLowerCase())
    .optional(),
});

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const utcMidnight = (t: number) => new Date(Math.floor(t / DAY) * DAY);
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The dashboard's URL parameters → a query; `to` in the URL is the last day shown (inclusive). */
export function parseDashboardParams(params: Record<string, string | string[] | undefined>, now = new Date()): DashboardQuery {
  const parsed = paramsSchema.safeParse({
    from: first(params.from),
    to: first(params.to),
    range: first(params.range),
    granularity: first(params.granularity),
    currency: first(params.currency),
  });
  if (!parsed.success)
    throw new DashboardQueryError(parsed.error.issues.map((i) => issueSentence(i.message) ?? sentence('dashboard.errors.invalid')));
  const p = parsed.data;
  const to = p.to ? new Date(Date.parse(`${p.to}T00:00:00Z`) + DAY) : utcMidnight(now.getTime() + DAY);
  let from: Date;
  if (p.from) from = new Date(`${p.from}T00:00:00Z`);
  else {
    from = new Date(to);
    from.setUTCMonth(from.getUTCMonth() - RANGES[p.range ?? '12m']);
  }
  if (from >= to) throw new DashboardQueryError(sentence('dashboard.errors.startAfterEnd'));
  if (to.getTime() - from.getTime() > 10 * 366 * DAY) throw new DashboardQueryError(sentence('dashboard.errors.tooLong'));
  if (p.currency && !exchangeRates()[p.currency])
    throw new DashboardQueryError(sentence('dashboard.errors.noRate', { currency: p.currency.toUpperCase() }));
  return { from, to, granularity: p.granularity ?? 'month', ...(p.currency ? { currency: p.currency } : {}) };
}

// ---------------------------------------------------------------------------------------------

type Levels = { patrons: number; paying: number; trials: number; pastDue: number; mrr12: Map<string, number> };
type Flows = {
  newPatrons: number;
  reactivated: number;
  churned: number;
  upgrades: number;
  downgrades: number;
  paused: number;
  resumed: number;
  revenue: Map<string, number>;
};

// Rows of the raw reporting reads, as the driver returns them (sums cast to int/float8 are numbers).

/** DailyRollup per day and currency. */
type RollupRow = {
  day: string;
  currency: string;
  tierId: string;
  interval: string;
  patrons: number;
  paying: number;
  trials: number;
  pastDue: number;
  mrr12: number;
  newPatrons: number;
  churned: number;
  reactivated: number;
  upgrades: number;
  downgrades: number;
  paused: number;
  resumed: number;
  revenue: number;
};

/** Levels per currency before the range. */
type BaselineRow = { currency: string; patrons: number; paying: number; trials: number; pastDue: number; mrr12: number };

/** Levels per tier, cadence and currency at the end of the range. */
type MixSourceRow = { tierId: string; interval: string; currency: string; name: string; patrons: number; mrr12: number };

/** Conversions or revenue per article, placement, round (and currency for revenue), with their labels. */
type AttributionSourceRow = {
  article: string;
  placement: string;
  round: string;
  currency: string | null;
  conversions: number;
  revenue: number;
  articleTitle: string;
  section: string;
  sectionName: string;
  roundTitle: string;
};

/** A round open in the range, once per topic (topic columns null for a round without topics). */
type TopicStatsRow = { id: string; slug: string; title: string; roundStatus: string; closesAt: Date; voters: number } & (
  | { topicId: string; topicTitle: string; topicStatus: string; votes: number; published: boolean }
  | { topicId: null; topicTitle: null; topicStatus: null; votes: number; published: boolean | null }
);

const emptyLevels = (): Levels => ({ patrons: 0, paying: 0, trials: 0, pastDue: 0, mrr12: new Map() });
const emptyFlows = (): Flows => ({
  newPatrons: 0,
  reactivated: 0,
  churned: 0,
  upgrades: 0,
  downgrades: 0,
  paused: 0,
  resumed: 0,
  revenue: new Map(),
});
const add = (m: Map<string, number>, k: string, v: number) => v && m.set(k, (m.get(k) ?? 0) + v);

function addLevels(l: Levels, r: RollupRow) {
  l.patrons += r.patrons;
  l.paying += r.paying;
  l.trials += r.trials;
  l.pastDue += r.pastDue;
  add(l.mrr12, r.currency, r.mrr12);
}
function addFlows(f: Flows, r: RollupRow) {
  f.newPatrons += r.newPatrons;
  f.reactivated += r.reactivated;
  f.churned += r.churned;
  f.upgrades += r.upgrades;
  f.downgrades += r.downgrades;
  f.paused += r.paused;
  f.resumed += r.resumed;
  add(f.revenue, r.currency, r.revenue);
}
const cloneLevels = (l: Levels): Levels => ({ ...l, mrr12: new Map(l.mrr12) });

function figure(current: number, previous: number): Figure {
  return { current, previous, delta: current - previous, change: previous === 0 ? null : (current - previous) / previous };
}

/** MRR per currency (minor units, rounded once per currency from exact twelfths). */
const mrrOf = (l: Levels) => new Map([...l.mrr12].map(([c, v]) => [c, Math.round(v / 12)]));

function moneyFigure(
  cur: Map<string, number>,
  prev: Map<string, number>,
  rates: Record<string, number>,
  currencies: string[],
): MoneyFigure {
  const total = (m: Map<string, number>) => [...m].reduce((n, [c, v]) => n + convert(v, c, rates), 0);
  return {
    ...figure(total(cur), total(prev)),
    byCurrency: currencies
      .map((c) => ({ currency: c, current: cur.get(c) ?? 0, previous: prev.get(c) ?? 0 }))
      .filter((r) => r.current || r.previous),
  };
}

/** Bucket boundaries: weeks start on Monday, months on the 1st; the first and last buckets are clipped to the range. */
export function buckets(from: Date, to: Date, granularity: Granularity): { start: Date; end: Date; label: string }[] {
  const out: { start: Date; end: Date; label: string }[] = [];
  let start = from;
  while (start < to) {
    let next: Date;
    if (granularity === 'month') next = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    else {
      const dow = (start.getUTCDay() + 6) % 7; // Monday = 0
      next = new Date(start.getTime() + (7 - dow) * DAY);
    }
    const end = next < to ? next : to;
    const label = granularity === 'month' ? formatMonthLabel(start) : `Week of ${formatShortDay(start)}`;
    out.push({ start, end, label });
    start = end;
  }
  return out;
}

export async function getDashboard(query: DashboardQuery, opts: { sql?: Sql; now?: Date } = {}): Promise<Dashboard> {
  const sql = opts.sql ?? (await getSql());
  const configured = exchangeRates();
  const reporting = query.currency ?? reportingCurrency();
  const rates = ratesInto(reporting, configured) ?? configured;
  const { from, to } = query;
  const length = to.getTime() - from.getTime();
  const prevFrom = new Date(from.getTime() - length);

  const [baseline, rollups, tiers, attribution, funnel, retention] = await Promise.all([
    sql.query<BaselineRow>(
      `SELECT currency, sum("patronsDelta")::float8 AS patrons, sum("payingDelta")::float8 AS paying, sum("trialsDelta")::float8 AS trials,
              sum("pastDueDelta")::float8 AS "pastDue", sum("mrr12Delta")::float8 AS mrr12
       FROM "DailyRollup" WHERE day < $1::date GROUP BY currency`,
      [ymd(prevFrom)],
    ),
    sql.query<RollupRow>(
      // Per day and currency (tiers and cadences only matter for the mix, queried below).
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, currency, '' AS "tierId", '' AS interval,
              sum("patronsDelta")::int AS patrons, sum("payingDelta")::int AS paying, sum("trialsDelta")::int AS trials, sum("pastDueDelta")::int AS "pastDue",
              sum("mrr12Delta")::float8 AS mrr12, sum("newPatrons")::int AS "newPatrons", sum("churnedPatrons")::int AS churned,
              sum(reactivated)::int AS reactivated, sum(upgrades)::int AS upgrades, sum(downgrades)::int AS downgrades,
              sum(paused)::int AS paused, sum(resumed)::int AS resumed, sum(revenue - refunded)::int AS revenue
       FROM "DailyRollup" WHERE day >= $1::date AND day < $2::date GROUP BY day, currency ORDER BY day`,
      [ymd(prevFrom), ymd(to)],
    ),
    // Tier and cadence mix at the end of the range (levels summed over all history up to it).
    sql.query<MixSourceRow>(
      `SELECT r."tierId", r.interval::text AS interval, r.currency, coalesce(t.name, '') AS name,
              sum(r."patronsDelta")::float8 AS patrons, sum(r."mrr12Delta")::float8 AS mrr12
       FROM "DailyRollup" r LEFT JOIN "Tier" t ON t.id = r."tierId"
       WHERE r.day < $1::date GROUP BY 1, 2, 3, 4`,
      [ymd(to)],
    ),
    getAttribution(sql, from, to, rates),
    getFunnel(sql, from, to),
    getRetention(sql, from, to),
  ]);

  // Walk the days once: levels at each boundary we need, flows per bucket and period.
  const levels = emptyLevels();
  for (const b of baseline) {
    levels.patrons += b.patrons;
    levels.paying += b.paying;
    levels.trials += b.trials;
    levels.pastDue += b.pastDue;
    add(levels.mrr12, b.currency, b.mrr12);
  }
  const fromDay = ymd(from);
  const bs = buckets(from, to, query.granularity);
  const seriesLevels: Levels[] = [];
  const seriesFlows: Flows[] = bs.map(emptyFlows);
  const previousFlows = emptyFlows();
  const currentFlows = emptyFlows();
  const atPrevFrom = cloneLevels(levels);
  let atFrom: Levels | null = null;
  let bi = 0;
  const currencies = new Set<string>(levels.mrr12.keys());
  for (const r of rollups) {
    currencies.add(r.currency);
    if (r.day >= fromDay && !atFrom) atFrom = cloneLevels(levels);
    while (bi < bs.length && r.day >= ymd(bs[bi]!.end)) seriesLevels[bi++] = cloneLevels(levels);
    addLevels(levels, r);
    if (r.day < fromDay) addFlows(previousFlows, r);
    else {
      addFlows(currentFlows, r);
      if (bi < bs.length) addFlows(seriesFlows[bi]!, r);
    }
  }
  atFrom ??= cloneLevels(levels);
  while (bi < bs.length) seriesLevels[bi++] = cloneLevels(levels);
  const atTo = levels;
  const currencyList = [...currencies].sort();

  const conv = (m: Map<string, number>) => [...m].reduce((n, [c, v]) => n + convert(v, c, rates), 0);
  const mrrTo = mrrOf(atTo);
  const mrrFrom = mrrOf(atFrom);
  const times12 = (m: Map<string, number>) => new Map([...m].map(([c, v]) => [c, v * 12]));
  const net = (f: Flows) => f.newPatrons + f.reactivated - f.churned;
  const churnRate = (f: Flows, start: Levels) => (start.patrons > 0 ? f.churned / start.patrons : 0);
  const arpu = (l: Levels) => (l.paying > 0 ? Math.round(conv(mrrOf(l)) / l.paying) : 0);

  const headline: Headline = {
    activePatrons: figure(atTo.patrons, atFrom.patrons),
    mrr: moneyFigure(mrrTo, mrrFrom, rates, currencyList),
    arr: moneyFigure(times12(mrrTo), times12(mrrFrom), rates, currencyList),
    newPatrons: figure(currentFlows.newPatrons, previousFlows.newPatrons),
    reactivated: figure(currentFlows.reactivated, previousFlows.reactivated),
    churned: figure(currentFlows.churned, previousFlows.churned),
    netGrowth: figure(net(currentFlows), net(previousFlows)),
    churnRate: figure(churnRate(currentFlows, atFrom), churnRate(previousFlows, atPrevFrom)),
    arpu: figure(arpu(atTo), arpu(atFrom)),
    payingPatrons: figure(atTo.paying, atFrom.paying),
    trials: figure(atTo.trials, atFrom.trials),
    pastDue: figure(atTo.pastDue, atFrom.pastDue),
    upgrades: figure(currentFlows.upgrades, previousFlows.upgrades),
    downgrades: figure(currentFlows.downgrades, previousFlows.downgrades),
    paused: figure(currentFlows.paused, previousFlows.paused),
    resumed: figure(currentFlows.resumed, previousFlows.resumed),
    revenue: moneyFigure(currentFlows.revenue, previousFlows.revenue, rates, currencyList),
  };

  const series: SeriesPoint[] = bs.map((b, i) => {
    const l = seriesLevels[i]!;
    const f = seriesFlows[i]!;
    const mrr = mrrOf(l);
    return {
      start: ymd(b.start),
      end: ymd(b.end),
      label: b.label,
      activePatrons: l.patrons,
      payingPatrons: l.paying,
      trials: l.trials,
      pastDue: l.pastDue,
      mrr: conv(mrr),
      mrrByCurrency: Object.fromEntries(mrr),
      newPatrons: f.newPatrons,
      reactivated: f.reactivated,
      churned: f.churned,
      upgrades: f.upgrades,
      downgrades: f.downgrades,
      revenue: conv(f.revenue),
    };
  });

  const tierMix = new Map<string, MixRow>();
  const cadenceMix = new Map<string, MixRow>();
  for (const t of tiers) {
    const patrons = t.patrons;
    const mrr = convert(Math.round(t.mrr12 / 12), t.currency, rates);
    const tierKey = t.tierId;
    const tm = tierMix.get(tierKey) ?? { key: tierKey, label: t.name || 'Unknown tier', patrons: 0, mrr: 0 };
    tm.patrons += patrons;
    tm.mrr += mrr;
    tierMix.set(tierKey, tm);
    const ck = t.interval;
    const cm = cadenceMix.get(ck) ?? { key: ck, label: ck === 'YEAR' ? 'Yearly' : 'Monthly', patrons: 0, mrr: 0 };
    cm.patrons += patrons;
    cm.mrr += mrr;
    cadenceMix.set(ck, cm);
  }
  const keep = (m: Map<string, MixRow>) =>
    [...m.values()].filter((r) => r.patrons !== 0 || r.mrr !== 0).sort((a, b) => b.patrons - a.patrons);

  return {
    range: { from: ymd(from), to: ymd(to), granularity: query.granularity },
    previousRange: { from: ymd(prevFrom), to: ymd(from) },
    reportingCurrency: reporting,
    rates,
    currencies: currencyList,
    headline,
    series,
    tierMix: keep(tierMix),
    cadenceMix: keep(cadenceMix),
    attribution,
    funnel,
    retention,
    generatedAt: (opts.now ?? new Date()).toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// attribution and funnel

/**
 * Conversions: paid checkouts completed in the range, by where the reader came from. Revenue: payments
 * minus refunds in the range, by the payer's last call to action before each payment (AttributionDaily).
 */
async function getAttribution(sql: Sql, from: Date, to: Date, rates: Record<string, number>): Promise<Attribution> {
  const rows = await sql.query<AttributionSourceRow>(
    `WITH conv AS (
       SELECT coalesce(c."fromArticle", '') AS article, coalesce(c.placement, '') AS placement, coalesce(c."fromRound", '') AS round,
              NULL::text AS currency, count(*)::float8 AS conversions, 0::float8 AS revenue
       FROM "Checkout" c
       WHERE c.status = 'COMPLETED' AND c."completedAt" >= ${utcParam('$1')} AND c."completedAt" < ${utcParam('$2')}
       GROUP BY 1, 2, 3
     ), rev AS (
       SELECT article, placement, round, currency, 0::float8, sum(revenue)::float8
       FROM "AttributionDaily" WHERE day >= $3::date AND day < $4::date GROUP BY 1, 2, 3, 4
     ), both_ AS (SELECT * FROM conv UNION ALL SELECT * FROM rev)
     SELECT b.*, coalesce(a.title, '') AS "articleTitle", coalesce(s.slug, '') AS section, coalesce(s.name, '') AS "sectionName", coalesce(r.title, '') AS "roundTitle"
     FROM both_ b
     LEFT JOIN "Article" a ON a.slug = b.article
     LEFT JOIN "Section" s ON s.id = a."sectionId"
     LEFT JOIN "Round" r ON r.slug = b.round`,
    [from.toISOString(), to.toISOString(), ymd(from), ymd(to)],
  );
  const byArticle = new Map<string, AttributionRow>();
  const bySection = new Map<string, AttributionRow>();
  const byPlacement = new Map<string, AttributionRow>();
  const byRound = new Map<string, AttributionRow>();
  for (const r of rows) {
    const conversions = r.conversions;
    const revenue = r.currency ? convert(r.revenue, r.currency, rates) : 0;
    const bump = (m: Map<string, AttributionRow>, key: string, label: string) => {
      const row = m.get(key) ?? { key, label, conversions: 0, revenue: 0 };
      row.conversions += conversions;
      row.revenue += revenue;
      m.set(key, row);
    };
    bump(byArticle, r.article, r.articleTitle || r.article || 'Direct');
    bump(bySection, r.section, r.sectionName || 'No section');
    bump(byPlacement, r.placement, r.placement || 'None');
    bump(byRound, r.round, r.roundTitle || r.round || 'No round');
  }
  const sorted = (m: Map<string, AttributionRow>) =>
    [...m.values()].sort((a, b) => b.conversions - a.conversions || b.revenue - a.revenue || a.key.localeCompare(b.key));
  return { byArticle: sorted(byArticle), bySection: sorted(bySection), byPlacement: sorted(byPlacement), byRound: sorted(byRound) };
}

async function getFunnel(sql: Sql, from: Date, to: Date): Promise<Funnel> {
  const row = onlyRow(
    await sql.query<{ views: number; visits: number; started: number; paid: number }>(
      `SELECT
       (SELECT coalesce(sum(views), 0) FROM "CtaDaily" WHERE day >= $1::date AND day < $2::date)::float8 AS views,
       (SELECT coalesce(sum("supportVisits"), 0) FROM "CtaDaily" WHERE day >= $1::date AND day < $2::date)::float8 AS visits,
       ((SELECT count(*) FROM "Checkout" c WHERE c."createdAt" >= ${utcParam('$3')} AND c."createdAt" < ${utcParam('$4')}
           AND NOT EXISTS (SELECT 1 FROM "GuestCheckout" g WHERE g.id = c.id))
        -- Pay first: a guest checkout has its Checkout row only once paid; it started when the GuestCheckout row was written.
        + (SELECT count(*) FROM "GuestCheckout" WHERE "createdAt" >= ${utcParam('$3')} AND "createdAt" < ${utcParam('$4')}))::int AS started,
       (SELECT count(*) FROM "Checkout" WHERE status = 'COMPLETED' AND "completedAt" >= ${utcParam('$3')} AND "completedAt" < ${utcParam('$4')})::int AS paid`,
      [ymd(from), ymd(to), from.toISOString(), to.toISOString()],
    ),
  );
  return { ctaViews: row.views, supportVisits: row.visits, checkoutsStarted: row.started, paid: row.paid };
}

// ---------------------------------------------------------------------------------------------
// retention by participation

/**
 * SubscriptionChange rows `c` that made their reader a patron just before the instant `param` (an
 * ISO-instant parameter): at < t ≤ min(patronUntil, supersededAt), written exactly as the GiST index
 * "SubscriptionChange_patron_span_idx" (migration member_summary) is, so that index answers it.
 */
export const patronJustBefore = (param: string) => `c."isPatron" AND tsrange(c."at",
      CASE WHEN LEAST(c."patronUntil", c."supersededAt") IS NULL THEN NULL ELSE GREATEST(c."at", LEAST(c."patronUntil", c."supersededAt")) END, '(]')
      @> ${utcParam(param)}`;

/**
 * Of the readers who were patrons when the range began, how many no longer were at its end, split by
 * whether they had voted (before the end) and whether a topic they voted for (before the end) is
 * published: two index lookups on the history and the members' summary rows (vote columns kept by
 * triggers).
 */
/**
 * Retention is a slow-moving cohort figure that reads every patron at two instants. It is computed for
 * every node at once: kept in "DashboardFigure" per range, so each node (and each staff member behind a
 * load balancer) sees the same figure; after RETENTION_TTL_MS it is still served while this node
 * computes a fresh one in the background (so only the first view of a range anywhere waits for it).
 * In memory only the computation under way is kept, never a settled promise: a promise carries the
 * async context of the request that created it, and a long-lived one would keep that request's render
 * state alive (README "Memory").
 */
export const RETENTION_TTL_MS = 5 * 60_000;
const computing = new Map<string, Promise<Retention>>();

async function getRetention(sql: Sql, from: Date, to: Date): Promise<Retention> {
  const key = `retention|${from.toISOString()}|${to.toISOString()}`;
  const [hit] = await sql.query<{ value: Retention; computedAt: string }>(
    `SELECT value, "computedAt"::text AS "computedAt" FROM "DashboardFigure" WHERE key = $1`,
    [key],
  );
  if (hit) {
    if (Date.now() - Number(hit.computedAt) >= RETENTION_TTL_MS)
      computeInto(key, sql, from, to).catch((err: unknown) =>
        console.warn('[dashboard] retention refresh failed', err instanceof Error ? err.message : err),
      );
    return typeof hit.value === 'string' ? (JSON.parse(hit.value) as Retention) : hit.value;
  }
  return computeInto(key, sql, from, to);
}

function computeInto(key: string, sql: Sql, from: Date, to: Date): Promise<Retention> {
  const running = computing.get(key);
  if (running) return running;
  const pending = (async () => {
    const value = await computeRetention(sql, from, to);
    await sql.query(
      `INSERT INTO "DashboardFigure" (key, value, "computedAt") VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "computedAt" = EXCLUDED."computedAt"`,
      [key, JSON.stringify(value), Date.now()],
    );
    // Ranges nobody looked at for a day go: the table stays as small as the memo was.
    await sql.query(`DELETE FROM "DashboardFigure" WHERE "computedAt" < $1`, [Date.now() - 86_400_000]);
    return value;
  })().finally(() => computing.delete(key));
  computing.set(key, pending);
  return pending;
}

/** For tests and the bench: forget the stored retention figures (on every node). */
export async function clearRetentionMemo(sql?: Sql): Promise<void> {
  await (sql ?? (await getSql())).query(`DELETE FROM "DashboardFigure" WHERE key LIKE 'retention|%'`);
}

async function computeRetention(sql: Sql, from: Date, to: Date): Promise<Retention> {
  const rows = await sql.query<{ voted: boolean; published: boolean; churned: boolean; n: number }>(
    `WITH at_start AS (SELECT DISTINCT c."userId" FROM "SubscriptionChange" c WHERE ${patronJustBefore('$1')}),
          at_end AS (SELECT DISTINCT c."userId" FROM "SubscriptionChange" c WHERE ${patronJustBefore('$2')})
     SELECT COALESCE(ms."firstVotedAt" < ${utcParam('$2')}, false) AS voted,
            COALESCE(ms."firstPublishedVoteAt" < ${utcParam('$2')}, false) AS published,
            e."userId" IS NULL AS churned, count(*)::int AS n
       FROM at_start s
       LEFT JOIN at_end e ON e."userId" = s."userId"
       LEFT JOIN "MemberSummary" ms ON ms."userId" = s."userId"
      GROUP BY 1, 2, 3`,
    [from.toISOString(), to.toISOString()],
  );
  const group = (pick: (r: { voted: boolean; published: boolean }) => boolean): RetentionGroup => {
    let patrons = 0;
    let churned = 0;
    for (const r of rows) {
      if (!pick(r)) continue;
      patrons += Number(r.n);
      if (r.churned) churned += Number(r.n);
    }
    return { patrons, churned, churnRate: patrons ? churned / patrons : null };
  };
  return {
    voted: group((r) => r.voted),
    neverVoted: group((r) => !r.voted),
    topicPublished: group((r) => r.voted && r.published),
    topicNotPublished: group((r) => r.voted && !r.published),
  };
}

// ---------------------------------------------------------------------------------------------
// topic statistics (editors)

/** Rounds that were open at some point of the range, with their topics' votes. */
export async function getTopicStats(query: { from: Date; to: Date }, opts: { sql?: Sql } = {}): Promise<TopicStats> {
  const sql = opts.sql ?? (await getSql());
  const rows = await sql.query<TopicStatsRow>(
    `SELECT r.id, r.slug, r.title, r.status::text AS "roundStatus", r."closesAt" AT TIME ZONE 'UTC' AS "closesAt",
            (SELECT count(DISTINCT v."userId") FROM "Vote" v WHERE v."roundId" = r.id)::int AS voters,
            t.id AS "topicId", t.title AS "topicTitle", t.status::text AS "topicStatus",
            (SELECT count(*) FROM "Vote" v WHERE v."topicId" = t.id)::int AS votes,
            (t.status = 'PUBLISHED' OR EXISTS (SELECT 1 FROM "TopicArticle" ta WHERE ta."topicId" = t.id)) AS published
     FROM "Round" r LEFT JOIN "Topic" t ON t."roundId" = r.id
     WHERE r.status <> 'DRAFT' AND r."opensAt" < ${utcParam('$2')} AND r."closesAt" >= ${utcParam('$1')}
     ORDER BY r."closesAt" DESC, r.id, votes DESC, t.title`,
    [query.from.toISOString(), query.to.toISOString()],
  );
  const rounds = new Map<string, TopicStats['rounds'][number]>();
  for (const r of rows) {
    let round = rounds.get(r.id);
    if (!round) {
      round = {
        id: r.id,
        slug: r.slug,
        title: r.title,
        status: r.roundStatus,
        closesAt: r.closesAt.toISOString(),
        votes: 0,
        voters: r.voters,
        topics: [],
      };
      rounds.set(round.id, round);
    }
    if (r.topicId !== null) {
      round.topics.push({ id: r.topicId, title: r.topicTitle, status: r.topicStatus, votes: r.votes, published: r.published });
      round.votes += r.votes;
    }
  }
  const list = [...rounds.values()];
  const { voters } = onlyRow(
    await sql.query<{ voters: number }>(
      `SELECT count(DISTINCT v."userId")::int AS voters FROM "Vote" v WHERE v."roundId" = ANY($1::text[])`,
      [list.map((r) => r.id)],
    ),
  );
  return {
    range: { from: ymd(query.from), to: ymd(query.to) },
    rounds: list,
    totals: {
      rounds: list.length,
      votes: list.reduce((n, r) => n + r.votes, 0),
      voters: Number(voters),
      topicsPublished: list.reduce((n, r) => n + r.topics.filter((t) => t.published).length, 0),
    },
  };
}
