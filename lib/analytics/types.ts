/**
 * The supporter dashboards' data shapes (issue #6), shared by the figures (lib/analytics/dashboard.ts)
 * and the pages that draw them (app/(staff)/dashboard). Changed only additively once published.
 *
 * Conventions: money is in minor units (cents) of the stated currency; currencies are lower-case ISO
 * codes as Stripe sends them ("usd", "eur"); days are UTC; ranges are half-open [from, to).
 *
 * Functions (lib/analytics/dashboard.ts):
 *   parseDashboardParams(params: Record<string, string | string[] | undefined>, now?: Date): DashboardQuery
 *     — zod; throws DashboardQueryError (status 400, human message) on bad input. Params: from, to
 *       (YYYY-MM-DD, `to` inclusive in the URL), range ('3m' | '6m' | '12m' | '24m', default '12m'),
 *       granularity ('week' | 'month', default 'month'), currency (reporting currency, default config).
 *   getDashboard(query: DashboardQuery): Promise<Dashboard>
 *   getTopicStats(query: { from: Date; to: Date }): Promise<TopicStats>   (what EDITORs may see)
 */

export type Granularity = 'week' | 'month';

export type DashboardQuery = {
  /** Start of the period (inclusive, UTC midnight). */
  from: Date;
  /** End of the period (exclusive, UTC midnight). */
  to: Date;
  granularity: Granularity;
  /** Reporting currency (lower case); defaults to REPORTING_CURRENCY. */
  currency?: string;
};

/** A figure over the chosen period and over the previous period of equal length. */
export type Figure = {
  current: number;
  previous: number;
  /** current − previous */
  delta: number;
  /** (current − previous) ÷ previous; null when previous is 0. */
  change: number | null;
};

/** Money per currency (minor units), plus the total converted to the reporting currency. */
export type MoneyFigure = Figure & {
  /** Converted total in `Dashboard.reportingCurrency` (current/previous/delta/change above are these). */
  byCurrency: { currency: string; current: number; previous: number }[];
};

export type Headline = {
  /** Patrons at the end of the period (active, trialing, canceling, past due within grace). */
  activePatrons: Figure;
  /** Monthly recurring revenue at the end of the period (paying patrons; yearly ÷ 12). */
  mrr: MoneyFigure;
  /** 12 × MRR. */
  arr: MoneyFigure;
  newPatrons: Figure;
  reactivated: Figure;
  churned: Figure;
  /** new + reactivated − churned */
  netGrowth: Figure;
  /** churned ÷ active patrons at the start of the period (a fraction, 0.05 = 5 %); 0 when none at start. */
  churnRate: Figure;
  /** MRR ÷ paying patrons at the end of the period, in the reporting currency (minor units). */
  arpu: Figure;
  /** Paying patrons (patrons not trialing) at the end of the period. */
  payingPatrons: Figure;
  trials: Figure;
  pastDue: Figure;
  upgrades: Figure;
  downgrades: Figure;
  /** Patrons who paused payments in the period (a pause offer): out of active patrons and MRR, but not churned. */
  paused: Figure;
  /** Paused subscriptions that resumed in the period: patrons again, not counted as reactivated. */
  resumed: Figure;
  /** Payments collected minus refunds (on the refund's day), converted. */
  revenue: MoneyFigure;
};

/** One bucket (a week starting Monday, or a calendar month) of the charts. */
export type SeriesPoint = {
  /** First day of the bucket, YYYY-MM-DD. */
  start: string;
  /** First day after the bucket (clipped to the range end), YYYY-MM-DD. */
  end: string;
  /** Human label, e.g. "Mar 2026" or "Week of 2 Mar 2026". */
  label: string;
  /** Levels at the end of the bucket. */
  activePatrons: number;
  payingPatrons: number;
  trials: number;
  pastDue: number;
  /** Converted to the reporting currency. */
  mrr: number;
  mrrByCurrency: Record<string, number>;
  /** Flows within the bucket. */
  newPatrons: number;
  reactivated: number;
  churned: number;
  upgrades: number;
  downgrades: number;
  /** Converted. */
  revenue: number;
};

export type MixRow = {
  /** Tier id ("" when unknown) or "MONTH" / "YEAR". */
  key: string;
  label: string;
  patrons: number;
  /** Converted MRR. */
  mrr: number;
};

export type AttributionRow = {
  /** Article slug, section slug, placement or round slug; "" for none/direct. */
  key: string;
  label: string;
  /** Paid checkouts completed in the period. */
  conversions: number;
  /**
   * Revenue in the period (payments minus refunds, converted) attributed to this source by last touch:
   * each payment counts for the payer's latest checkout started before it (subscription renewals
   * included, so an article keeps earning from the patrons it brought in).
   */
  revenue: number;
};

export type Attribution = {
  byArticle: AttributionRow[];
  bySection: AttributionRow[];
  byPlacement: AttributionRow[];
  byRound: AttributionRow[];
};

export type Funnel = {
  ctaViews: number;
  supportVisits: number;
  checkoutsStarted: number;
  /** Checkouts completed (paid) in the period. */
  paid: number;
};

export type RetentionGroup = {
  /** Patrons in this group at the start of the period. */
  patrons: number;
  /** Of those, how many stopped being patrons within the period. */
  churned: number;
  /** churned ÷ patrons; null when the group is empty. */
  churnRate: number | null;
};

export type Retention = {
  voted: RetentionGroup;
  neverVoted: RetentionGroup;
  /** Voters with at least one voted topic published (Topic.status PUBLISHED or linked to an article). */
  topicPublished: RetentionGroup;
  /** Voters none of whose voted topics were published. */
  topicNotPublished: RetentionGroup;
};

export type Dashboard = {
  range: { from: string; to: string; granularity: Granularity };
  previousRange: { from: string; to: string };
  reportingCurrency: string;
  /** 1 unit of the key currency = rate units of the reporting currency. */
  rates: Record<string, number>;
  currencies: string[];
  headline: Headline;
  series: SeriesPoint[];
  tierMix: MixRow[];
  cadenceMix: MixRow[];
  attribution: Attribution;
  funnel: Funnel;
  retention: Retention;
  /** ISO time the figures were computed. */
  generatedAt: string;
};

export type TopicStatsRound = {
  id: string;
  slug: string;
  title: string;
  status: string;
  closesAt: string;
  votes: number;
  voters: number;
  topics: { id: string; title: string; status: string; votes: number; published: boolean }[];
};

export type TopicStats = {
  range: { from: string; to: string };
  rounds: TopicStatsRound[];
  totals: { rounds: number; votes: number; voters: number; topicsPublished: number };
};

/** What `seedDemoPatrons` generated, computed in JS from its own plan (independently of the rollups). */
export type DemoPatronsManifest = {
  now: string;
  seed: number;
  /** Demo members created (all with the demo email domain). */
  members: number;
  activePatrons: number;
  payingPatrons: number;
  trials: number;
  pastDue: number;
  /** MRR now per currency, minor units. */
  mrrByCurrency: Record<string, number>;
  emailDomain: string;
};
