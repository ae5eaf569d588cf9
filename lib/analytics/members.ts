/**
 * Members for the staff dashboard: search, filters, sort and pages, and the rows of the CSV export.
 *
 * Filtering by status runs in SQL so it stays fast at 100,000 members: `subscriptionRankSql` is the
 * SQL form of `statusOfOne` (lib/billing/patron-status.ts, the one rule), and a member's status is the
 * best rank over their subscriptions, as `statusFromSubscriptions` picks it. members.test.ts
 * classifies a matrix of subscription states both ways and expects the same answers, so the two
 * cannot drift apart. The status shown on each row is computed by `statusFromSubscriptions` itself.
 *
 * "The member's subscription" (for tier, cadence, currency and amount) is the one that decides their
 * status: the best state, then the latest period end. Members imported from CSV with no subscription
 * yet count with their imported tier.
 */
import { z } from 'zod';
import { getDb, getSql } from '@/lib/db/client';
import { graceDays as graceDaysFromEnv } from '@/lib/billing/config';
import { statusFromSubscriptions, type PatronState } from '@/lib/billing/patron-status';

/** Patron states in order of preference (lower wins), as statusFromSubscriptions ranks them. */
export const PATRON_STATE_ORDER = ['active', 'trialing', 'canceling', 'past_due_grace', 'past_due_lapsed', 'ended', 'none'] as const satisfies readonly PatronState[];

/** Status filter values in URLs → patron state ('patron' = any state that counts as a patron). */
const STATUS_ALIASES: Record<string, PatronState | 'patron'> = {
  patron: 'patron',
  active: 'active',
  trialing: 'trialing',
  canceling: 'canceling',
  past_due: 'past_due_grace',
  past_due_grace: 'past_due_grace',
  lapsed: 'past_due_lapsed',
  past_due_lapsed: 'past_due_lapsed',
  ended: 'ended',
  never: 'none',
  none: 'none',
};

export const STATUS_FILTER_OPTIONS: { value: string; label: string }[] = [
  { value: 'patron', label: 'Any patron (counts now)' },
  { value: 'active', label: 'Active' },
  { value: 'trialing', label: 'Trialing' },
  { value: 'canceling', label: 'Canceling (until period end)' },
  { value: 'past_due', label: 'Past due, within grace' },
  { value: 'lapsed', label: 'Past due, grace lapsed' },
  { value: 'ended', label: 'Ended' },
  { value: 'never', label: 'Never a patron' },
];

export const STATE_LABEL: Record<PatronState, string> = {
  active: 'Active',
  trialing: 'Trialing',
  canceling: 'Canceling',
  past_due_grace: 'Past due (grace)',
  past_due_lapsed: 'Lapsed',
  ended: 'Ended',
  none: 'Never',
};

export const MEMBER_SORTS = ['joined', 'email', 'name', 'amount'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

export type MemberQuery = {
  q?: string;
  status?: PatronState | 'patron';
  /** Tier id or slug. */
  tier?: string;
  cadence?: 'MONTH' | 'YEAR';
  currency?: string;
  /** Joined on or after (UTC midnight). */
  joinedFrom?: Date;
  /** Joined before (exclusive: the day after the inclusive date in the URL). */
  joinedBefore?: Date;
  voted?: boolean;
  sort: MemberSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

export type MemberRow = {
  id: string;
  email: string;
  name: string | null;
  role: 'READER' | 'EDITOR' | 'ADMIN';
  joinedAt: Date;
  importedAt: Date | null;
  status: PatronState;
  isPatron: boolean;
  tier: { id: string; name: string } | null;
  cadence: 'MONTH' | 'YEAR' | null;
  currency: string | null;
  /** Per billing interval, minor units. */
  amount: number | null;
  /** Monthly-normalised (yearly ÷ 12), minor units. */
  monthlyAmount: number | null;
  voted: boolean;
  stripeCustomerId: string | null;
};

export class MemberQueryError extends Error {
  readonly status = 400;
}

const DAY = 86_400_000;
export const MAX_PAGE_SIZE = 200;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const isoDay = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date like 2026-03-01.`)
      .transform((s, ctx) => {
        const d = new Date(`${s}T00:00:00.000Z`);
        if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
          ctx.addIssue({ code: 'custom', message: `${label} is not a real date.` });
          return z.NEVER;
        }
        return d;
      })
      .optional(),
  );

const querySchema = z
  .object({
    q: z.preprocess(blankToUndefined, z.string().max(200, 'The search text is too long (200 characters at most).').optional()),
    status: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z
        .string()
        .refine((s) => s in STATUS_ALIASES, { message: `Status must be one of: ${STATUS_FILTER_OPTIONS.map((o) => o.value).join(', ')}.` })
        .transform((s) => STATUS_ALIASES[s]!)
        .optional(),
    ),
    tier: z.preprocess(blankToUndefined, z.string().max(100, 'The tier is too long.').optional()),
    cadence: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
      z.enum(['MONTH', 'YEAR'], { error: 'Cadence must be month or year.' }).optional(),
    ),
    currency: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z.string().regex(/^[a-z]{3}$/, 'Currency must be a three-letter code like usd.').optional(),
    ),
    joinedFrom: isoDay('“Joined from”'),
    joinedTo: isoDay('“Joined to”'),
    voted: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z.enum(['yes', 'no'], { error: 'Voted must be yes or no.' }).optional(),
    ),
    sort: z.preprocess(blankToUndefined, z.enum(MEMBER_SORTS, { error: `Sort by one of: ${MEMBER_SORTS.join(', ')}.` }).default('joined')),
    dir: z.preprocess(blankToUndefined, z.enum(['asc', 'desc'], { error: 'Direction must be asc or desc.' }).optional()),
    page: z.preprocess(blankToUndefined, z.coerce.number({ error: 'Page must be a number.' }).int('Page must be a whole number.').min(1, 'Page must be 1 or more.').max(1_000_000, 'Page is too large.').default(1)),
    pageSize: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: 'Page size must be a number.' }).int('Page size must be a whole number.').min(1, 'Page size must be at least 1.').max(MAX_PAGE_SIZE, `Page size is at most ${MAX_PAGE_SIZE}.`).default(50),
    ),
  })
  .refine((v) => !v.joinedFrom || !v.joinedTo || v.joinedFrom <= v.joinedTo, { message: '“Joined from” must not be after “Joined to”.' });

/** URL parameters → a validated query. Throws MemberQueryError (status 400) with a message for people. */
export function parseMemberQuery(params: Record<string, string | string[] | undefined>): MemberQuery {
  const raw = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, one(v)]));
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) throw new MemberQueryError(parsed.error.issues[0]?.message ?? 'Invalid filters.');
  const v = parsed.data;
  return {
    ...(v.q ? { q: v.q } : {}),
    ...(v.status ? { status: v.status } : {}),
    ...(v.tier ? { tier: v.tier } : {}),
    ...(v.cadence ? { cadence: v.cadence } : {}),
    ...(v.currency ? { currency: v.currency } : {}),
    ...(v.joinedFrom ? { joinedFrom: v.joinedFrom } : {}),
    ...(v.joinedTo ? { joinedBefore: new Date(v.joinedTo.getTime() + DAY) } : {}),
    ...(v.voted ? { voted: v.voted === 'yes' } : {}),
    sort: v.sort,
    // Dates and amounts read best newest/largest first; names and emails A→Z.
    dir: v.dir ?? (v.sort === 'joined' || v.sort === 'amount' ? 'desc' : 'asc'),
    page: v.page,
    pageSize: v.pageSize,
  };
}

/** The query as URL parameters (for links, pagination and the CSV export of the same list). */
export function memberQueryToParams(q: MemberQuery, over: Partial<Record<'page' | 'sort' | 'dir', string>> = {}): URLSearchParams {
  const p = new URLSearchParams();
  const statusValue = q.status ? (Object.entries(STATUS_ALIASES).find(([, s]) => s === q.status)?.[0] ?? q.status) : undefined;
  if (q.q) p.set('q', q.q);
  if (statusValue) p.set('status', statusValue);
  if (q.tier) p.set('tier', q.tier);
  if (q.cadence) p.set('cadence', q.cadence.toLowerCase());
  if (q.currency) p.set('currency', q.currency);
  if (q.joinedFrom) p.set('joinedFrom', q.joinedFrom.toISOString().slice(0, 10));
  if (q.joinedBefore) p.set('joinedTo', new Date(q.joinedBefore.getTime() - DAY).toISOString().slice(0, 10));
  if (q.voted !== undefined) p.set('voted', q.voted ? 'yes' : 'no');
  p.set('sort', over.sort ?? q.sort);
  p.set('dir', over.dir ?? q.dir);
  if (over.page ?? (q.page > 1 ? String(q.page) : undefined)) p.set('page', over.page ?? String(q.page));
  return p;
}

/**
 * SQL form of `statusOfOne` for the subscription aliased `s`: its rank in PATRON_STATE_ORDER.
 * `$now` is a timestamp (UTC wall time, like the columns) and `$grace` the grace period in days.
 */
export function subscriptionRankSql(now: string, grace: string): string {
  const rank = (state: PatronState) => PATRON_STATE_ORDER.indexOf(state);
  return `CASE
    WHEN s."endedAt" IS NOT NULL AND s."endedAt" <= ${now} THEN ${rank('ended')}
    WHEN s.status IN ('active', 'trialing') AND s."cancelAtPeriodEnd" AND ${now} < s."currentPeriodEnd" THEN ${rank('canceling')}
    WHEN s.status IN ('active', 'trialing') AND s."cancelAtPeriodEnd" THEN ${rank('ended')}
    WHEN s.status = 'active' THEN ${rank('active')}
    WHEN s.status = 'trialing' THEN ${rank('trialing')}
    WHEN s.status = 'past_due' AND ${now} < COALESCE(s."pastDueSince", s."currentPeriodStart") + ${grace} * interval '1 day' THEN ${rank('past_due_grace')}
    WHEN s.status = 'past_due' THEN ${rank('past_due_lapsed')}
    WHEN s.status IN ('canceled', 'unpaid', 'incomplete_expired') THEN ${rank('ended')}
    ELSE ${rank('none')}
  END`;
}

const NONE_RANK = PATRON_STATE_ORDER.indexOf('none');
const PATRON_RANKS = [0, 1, 2, 3]; // active, trialing, canceling, past_due_grace: the states where isPatron

/** A parameter list that numbers itself. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  /** A JS instant as a timestamp in UTC wall time, comparable with the timestamp(3) columns. */
  instant(d: Date): string {
    return `(${this.add(d.toISOString())}::timestamptz AT TIME ZONE 'UTC')`;
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * FROM … WHERE … for a query. The member's deciding subscription is joined only when a filter or the
 * sort needs it: per user (LATERAL) when a text search has already narrowed the users down (the
 * trigram index finds them), else in one pass over all subscriptions, which at 100,000 members is
 * several times faster than 100,000 lookups. Either way, just the best rank (min) when only the
 * status matters, the whole deciding subscription (best rank, latest period end) when tier, cadence,
 * currency or amount do.
 */
function memberFilterSql(q: MemberQuery, now: Date, params: Params): string {
  const where: string[] = [];
  const needAttributes = q.tier !== undefined || q.cadence !== undefined || q.currency !== undefined || q.sort === 'amount';
  const needSub = needAttributes || q.status !== undefined;
  let from = `"User" u`;
  if (needSub) {
    const rank = subscriptionRankSql(params.instant(now), `${params.add(graceDaysFromEnv())}::float8`);
    const attributes = `s."tierId", s.interval::text AS cadence, s.currency, CASE WHEN s.interval = 'YEAR' THEN s.amount / 12.0 ELSE s.amount END AS monthly`;
    const narrowedByText = Boolean(q.q && q.q.length >= 3);
    if (narrowedByText && !needAttributes) {
      // An aggregate per user needs no sort: several times cheaper than ORDER BY … LIMIT 1.
      from += `
      LEFT JOIN LATERAL (SELECT min(${rank}) AS rank FROM "Subscription" s WHERE s."userId" = u.id) b ON true`;
    } else if (narrowedByText) {
      from += `
      LEFT JOIN LATERAL (
        SELECT ${rank} AS rank, ${attributes}
          FROM "Subscription" s
         WHERE s."userId" = u.id
         ORDER BY 1, s."currentPeriodEnd" DESC, s.id
         LIMIT 1
      ) b ON true`;
    } else if (needAttributes) {
      from += `
      LEFT JOIN (
        SELECT DISTINCT ON (s."userId") s."userId", ${rank} AS rank, ${attributes}
          FROM "Subscription" s
         ORDER BY s."userId", 2, s."currentPeriodEnd" DESC, s.id
      ) b ON b."userId" = u.id`;
    } else {
      from += `
      LEFT JOIN (SELECT s."userId", min(${rank}) AS rank FROM "Subscription" s GROUP BY s."userId") b ON b."userId" = u.id`;
    }
  }
  if (q.q) {
    const pattern = params.add(`%${escapeLike(q.q.toLowerCase())}%`);
    where.push(`(lower(u.email) LIKE ${pattern} OR lower(coalesce(u.name, '')) LIKE ${pattern})`);
  }
  if (q.status === 'patron') where.push(`b.rank IN (${PATRON_RANKS.join(', ')})`);
  else if (q.status === 'none') where.push(`COALESCE(b.rank, ${NONE_RANK}) = ${NONE_RANK}`);
  else if (q.status) where.push(`b.rank = ${PATRON_STATE_ORDER.indexOf(q.status)}`);
  if (q.tier) {
    const t = params.add(q.tier);
    where.push(`COALESCE(b."tierId", u."importedTierId") IN (SELECT id FROM "Tier" WHERE id = ${t} OR slug = ${t})`);
  }
  if (q.cadence) where.push(`b.cadence = ${params.add(q.cadence)}`);
  if (q.currency) where.push(`b.currency = ${params.add(q.currency)}`);
  if (q.joinedFrom) where.push(`u."createdAt" >= ${params.instant(q.joinedFrom)}`);
  if (q.joinedBefore) where.push(`u."createdAt" < ${params.instant(q.joinedBefore)}`);
  if (q.voted !== undefined) where.push(`${q.voted ? '' : 'NOT '}EXISTS (SELECT 1 FROM "Vote" v WHERE v."userId" = u.id)`);
  return `FROM ${from}${where.length ? `\n WHERE ${where.join('\n   AND ')}` : ''}`;
}

function orderBySql(q: MemberQuery): string {
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  switch (q.sort) {
    case 'email':
      return `ORDER BY u.email ${dir}, u.id`;
    case 'name':
      return `ORDER BY lower(u.name) ${dir} NULLS LAST, u.email, u.id`;
    case 'amount':
      return `ORDER BY b.monthly ${dir} NULLS LAST, u.id`;
    case 'joined':
      return `ORDER BY u."createdAt" ${dir}, u.id ${dir}`;
  }
}

export type MemberPage = { rows: MemberRow[]; total: number; page: number; pageSize: number };

export async function searchMembers(query: MemberQuery, now: Date = new Date()): Promise<MemberPage> {
  const sql = await getSql();
  const params = new Params();
  const from = memberFilterSql(query, now, params);
  const limit = params.add(query.pageSize);
  const offset = params.add((query.page - 1) * query.pageSize);
  // One pass: the page and the total together (the filter runs once).
  const rows = await sql.query<{ id: string; total: number }>(`SELECT u.id, (count(*) OVER ())::int AS total ${from} ${orderBySql(query)} LIMIT ${limit} OFFSET ${offset}`, params.values);
  let total = rows[0]?.total ?? 0;
  if (!rows.length && query.page > 1) {
    // Past the last page: the window saw no rows, so count separately.
    const countParams = new Params();
    total = (await sql.query<{ total: number }>(`SELECT count(*)::int AS total ${memberFilterSql(query, now, countParams)}`, countParams.values))[0]?.total ?? 0;
  }
  return { rows: await memberRowsByIds(rows.map((r) => r.id), now), total, page: query.page, pageSize: query.pageSize };
}

/** Every matching member id, in the list's order (the CSV export reads rows in chunks of these). */
export async function memberIdsInOrder(query: MemberQuery, now: Date = new Date()): Promise<string[]> {
  const sql = await getSql();
  const params = new Params();
  const rows = await sql.query<{ id: string }>(`SELECT u.id ${memberFilterSql(query, now, params)} ${orderBySql(query)}`, params.values);
  return rows.map((r) => r.id);
}

type SubRow = {
  id: string;
  userId: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  pastDueSince: Date | null;
  endedAt: Date | null;
  tierId: string | null;
  tierName: string | null;
  interval: 'MONTH' | 'YEAR';
  currency: string;
  amount: number;
};

/** Full rows for the given ids, in the given order; status from `statusFromSubscriptions` (the one rule). */
export async function memberRowsByIds(ids: string[], now: Date = new Date()): Promise<MemberRow[]> {
  if (!ids.length) return [];
  const sql = await getSql();
  const [users, subs] = await Promise.all([
    sql.query<{
      id: string;
      email: string;
      name: string | null;
      role: MemberRow['role'];
      joinedAt: Date;
      importedAt: Date | null;
      importedTierId: string | null;
      importedTierName: string | null;
      voted: boolean;
      stripeCustomerId: string | null;
    }>(
      `SELECT u.id, u.email, u.name, u.role::text AS role,
              u."createdAt" AT TIME ZONE 'UTC' AS "joinedAt", u."importedAt" AT TIME ZONE 'UTC' AS "importedAt",
              u."importedTierId", it.name AS "importedTierName",
              EXISTS (SELECT 1 FROM "Vote" v WHERE v."userId" = u.id) AS voted,
              sc."customerId" AS "stripeCustomerId"
         FROM "User" u
         LEFT JOIN "Tier" it ON it.id = u."importedTierId"
         LEFT JOIN "StripeCustomer" sc ON sc."userId" = u.id
        WHERE u.id = ANY($1::text[])`,
      [ids],
    ),
    sql.query<SubRow>(
      `SELECT s.id, s."userId", s.status, s."cancelAtPeriodEnd",
              s."currentPeriodStart" AT TIME ZONE 'UTC' AS "currentPeriodStart",
              s."currentPeriodEnd" AT TIME ZONE 'UTC' AS "currentPeriodEnd",
              s."pastDueSince" AT TIME ZONE 'UTC' AS "pastDueSince",
              s."endedAt" AT TIME ZONE 'UTC' AS "endedAt",
              s."tierId", t.name AS "tierName", s.interval::text AS interval, s.currency, s.amount
         FROM "Subscription" s LEFT JOIN "Tier" t ON t.id = s."tierId"
        WHERE s."userId" = ANY($1::text[])`,
      [ids],
    ),
  ]);
  const subsOf = new Map<string, SubRow[]>();
  for (const s of subs) subsOf.set(s.userId, [...(subsOf.get(s.userId) ?? []), s]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const grace = graceDaysFromEnv();
  return ids.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [];
    const st = statusFromSubscriptions(subsOf.get(id) ?? [], now, grace);
    const s = st.subscription;
    const tier = s?.tierId ? { id: s.tierId, name: s.tierName ?? s.tierId } : u.importedTierId ? { id: u.importedTierId, name: u.importedTierName ?? u.importedTierId } : null;
    return [
      {
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        joinedAt: u.joinedAt,
        importedAt: u.importedAt,
        status: st.state,
        isPatron: st.isPatron,
        tier,
        cadence: s?.interval ?? null,
        currency: s?.currency ?? null,
        amount: s?.amount ?? null,
        monthlyAmount: s ? (s.interval === 'YEAR' ? Math.round(s.amount / 12) : s.amount) : null,
        voted: u.voted,
        stripeCustomerId: u.stripeCustomerId,
      },
    ];
  });
}

/** The tiers and currencies the filters offer. */
export async function memberFilterOptions(): Promise<{ tiers: { id: string; slug: string; name: string }[]; currencies: string[] }> {
  const db = await getDb();
  const sql = await getSql();
  const [tiers, currencies] = await Promise.all([
    db.tier.findMany({ select: { id: true, slug: true, name: true }, orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
    sql.query<{ currency: string }>(`SELECT currency FROM "TierPrice" UNION SELECT DISTINCT currency FROM "Subscription" ORDER BY 1`),
  ]);
  return { tiers, currencies: currencies.map((c) => c.currency) };
}

/** SQL classification of every subscription's state at `now` (for the parity test with statusOfOne). */
export async function classifySubscriptionsInSql(ids: string[], now: Date, graceDays: number): Promise<Map<string, PatronState>> {
  const sql = await getSql();
  const params = new Params();
  const nowSql = params.instant(now);
  const graceSql = `${params.add(graceDays)}::float8`;
  const idsParam = params.add(ids);
  const rows = await sql.query<{ id: string; rank: number }>(`SELECT s.id, (${subscriptionRankSql(nowSql, graceSql)})::int AS rank FROM "Subscription" s WHERE s.id = ANY(${idsParam}::text[])`, params.values);
  return new Map(rows.map((r) => [r.id, PATRON_STATE_ORDER[r.rank]!]));
}
