/**
 * The public figures on /transparency. Computed by the staff dashboard's own functions (getDashboard,
 * getTopicStats over the dashboard's default range: the last 12 months), so for the same instant they
 * equal what staff see, only rounded and with small groups merged: no figure here is small enough to
 * point at a person (TRANSPARENCY_MIN_GROUP, default 10).
 */
import { getDashboard, getTopicStats, parseDashboardParams } from '@/lib/analytics/dashboard';
import type { AttributionRow } from '@/lib/analytics/types';

export const DEFAULT_MIN_GROUP = 10;

/** The smallest group of people a published figure may describe. */
export function minGroupSize(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.TRANSPARENCY_MIN_GROUP);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : DEFAULT_MIN_GROUP;
}

export type Group = { key: string; label: string; count: number };

/**
 * Groups with fewer than `min` people are merged into one "Other" row; when even "Other" has fewer
 * than `min`, it is left out (so no shown number describes fewer than `min` people).
 */
export function mergeSmallGroups(groups: readonly Group[], min: number, otherLabel = 'Other'): Group[] {
  const kept = groups.filter((g) => g.count >= min).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const other = groups.filter((g) => g.count > 0 && g.count < min).reduce((n, g) => n + g.count, 0);
  return other >= min ? [...kept, { key: '__other', label: otherLabel, count: other }] : kept;
}

/** A count of people, or null ("fewer than min") when it is below the minimum group size. */
export const atLeast = (n: number, min: number): number | null => (n >= min ? n : null);

/** Minor units rounded to the nearest 100 major units (12,345.67 → 12,300.00). */
export const roundMoney = (minor: number): number => Math.round(minor / 10_000) * 10_000;

const PLACEMENT_LABELS: Record<string, string> = {
  'end-of-article': 'The note at the end of an article',
  inline: 'A note inside an article',
  banner: 'The site banner',
  topics: 'The topic vote',
  'round-cta': 'A topic vote on an article page',
  '': 'Directly (the support page)',
};

export type TransparencyFigures = {
  generatedAt: string;
  range: { from: string; to: string };
  minGroup: number;
  /** Null when below the minimum group size. */
  patronsNow: number | null;
  /** Monthly recurring revenue in the reporting currency, minor units, rounded to the nearest 100; null with too few patrons. */
  monthlyRevenue: number | null;
  reportingCurrency: string;
  /** New patrons in the range by the section of the article that brought them, and by the call to action. */
  sourcesBySection: Group[];
  sourcesByPlacement: Group[];
  rounds: number;
  votes: number;
  /** Patrons who voted in those rounds; null when below the minimum group size. */
  voters: number | null;
  topicsCommissioned: number;
  topicsPublished: number;
};

const groupsOf = (rows: AttributionRow[], label: (r: AttributionRow) => string): Group[] =>
  rows.filter((r) => r.conversions > 0).map((r) => ({ key: r.key, label: label(r), count: r.conversions }));

export async function getTransparencyFigures({
  now = new Date(),
  env = process.env,
}: { now?: Date; env?: Record<string, string | undefined> } = {}): Promise<TransparencyFigures> {
  const min = minGroupSize(env);
  const query = parseDashboardParams({}, now);
  const [dashboard, topics] = await Promise.all([getDashboard(query, { now }), getTopicStats({ from: query.from, to: query.to })]);
  const patrons = dashboard.headline.activePatrons.current;
  const allTopics = topics.rounds.flatMap((r) => r.topics);
  return {
    generatedAt: now.toISOString(),
    range: dashboard.range,
    minGroup: min,
    patronsNow: atLeast(patrons, min),
    monthlyRevenue: patrons >= min ? roundMoney(dashboard.headline.mrr.current) : null,
    reportingCurrency: dashboard.reportingCurrency,
    sourcesBySection: mergeSmallGroups(
      groupsOf(dashboard.attribution.bySection, (r) => (r.key ? r.label : 'No particular article')),
      min,
    ),
    sourcesByPlacement: mergeSmallGroups(
      groupsOf(dashboard.attribution.byPlacement, (r) => PLACEMENT_LABELS[r.key] ?? r.label),
      min,
    ),
    rounds: topics.totals.rounds,
    votes: topics.totals.votes,
    voters: atLeast(topics.totals.voters, min),
    // A topic counts as commissioned once the newsroom took it on, published or not.
    topicsCommissioned: allTopics.filter((t) => t.status === 'COMMISSIONED' || t.status === 'PUBLISHED' || t.published).length,
    topicsPublished: topics.totals.topicsPublished,
  };
}
