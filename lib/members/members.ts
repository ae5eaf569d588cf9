/**
 * Members for the staff dashboard: search, filters, sort and pages, and the rows of the CSV export.
 *
 * Filters and sorts on status, tier, cadence, currency, amount and "voted" read each member's
 * MemberSummary row (lib/members/member-summary.ts), refreshed for `now` first, so they stay fast at
 * 100,000 members. Its status is `subscriptionRankSql`, the SQL form of `statusOfOne`
 * (lib/billing/patron-status.ts, the one rule), taking the best rank over the member's subscriptions as
 * `statusFromSubscriptions` does; members.test.ts classifies a matrix of subscription states both ways
 * and expects the same answers, so the two cannot drift apart. The status shown on each row is
 * computed by `statusFromSubscriptions` itself.
 *
 * "The member's subscription" (for tier, cadence, currency and amount) is the one that decides their
 * status: the best state, then the latest period end. Members imported from CSV with no subscription
 * yet count with their imported tier.
 */
import { z } from 'zod';
import { getDb, getSql } from '@/lib/db/client';
import { graceDays as graceDaysFromEnv } from '@/lib/billing/config';
import { statusFromSubscriptions, type PatronState } from '@/lib/billing/patron-status';
import { utcParam } from '@/lib/db/sql-time';
import { afterCursor, decodeCursor, encodeCursor, keyColumns, orderBy, reversed, sortKeys } from './member-keyset';
import { PATRON_RANKS, PATRON_STATE_ORDER, refreshMemberSummaries, subscriptionRankSql } from './member-summary';
import { DomainError } from '@/lib/errors/domain-error';
import { asIssue, issueSentence } from '@/lib/errors/zod-sentence';
import { sentence, type Sentence } from '@/lib/i18n/sentence';

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
  paused: 'paused',
  gifted: 'gifted',
  ended: 'ended',
  never: 'none',
  none: 'none',
};

/** The status filter's options, English labels (the members page says them in the staff language: dashboard.members.statusFilter). */
export const STATUS_FILTER_OPTIONS: { value: string; label: string }[] = [
  { value: 'patron', label: 'Any patron (counts now)' },
  { value: 'active', label: 'Active' },
  { value: 'trialing', label: 'Trialing' },
  { value: 'canceling', label: 'Canceling (until period end)' },
  { value: 'past_due', label: 'Past due, within grace' },
  { value: 'lapsed', label: 'Past due, grace lapsed' },
  { value: 'paused', label: 'Paused (pause offer)' },
  { value: 'ended', label: 'Ended' },
  { value: 'never', label: 'Never a patron' },
];

/** Each state in English (the CSV export and the API; pages say dashboard.members.states.<state>). */
export const STATE_LABEL: Record<PatronState, string> = {
  active: 'Active',
  trialing: 'Trialing',
  canceling: 'Canceling',
  past_due_grace: 'Past due (grace)',
  past_due_lapsed: 'Lapsed',
  paused: 'Paused',
  gifted: 'Gifted',
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
  /** The page's number, for people; which rows it holds comes from `after`/`before` (keyset cursors). */
  page: number;
  /** Continue after this row (the previous page's `next`), or before it (the next page's `previous`). */
  after?: string;
  before?: string;
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

export class MemberQueryError extends DomainError {
  constructor(s: Sentence) {
    super({ code: 'INVALID', status: 400, sentence: s });
  }
}

const DAY = 86_400_000;
export const MAX_PAGE_SIZE = 200;
/** The furthest page reached by skipping rows (OFFSET); beyond it, pages follow keyset links. */
export const MAX_DIRECT_PAGE = 20;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const isoDay = (format: Sentence, notReal: Sentence) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, asIssue(format))
      .transform((s, ctx) => {
        const d = new Date(`${s}T00:00:00.000Z`);
        if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
          ctx.addIssue({
            code: 'custom',
            message: asIssue(notReal),
          });
          return z.NEVER;
        }
        return d;
      })
      .optional(),
  );

const querySchema = z
  .object({
    q: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(200, asIssue(sentence('dashboard.members.errors.searchTooLong')))
        .optional(),
    ),
    status: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z
        .string()
        .refine((s) => s in STATUS_ALIASES, {
          message: asIssue(sentence('dashboard.members.errors.status', { values: STATUS_FILTER_OPTIONS.map((o) => o.value).join(', ') })),
        })
        .transform((s) => STATUS_ALIASES[s]!)
        .optional(),
    ),
    tier: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(100, asIssue(sentence('dashboard.members.errors.tierTooLong')))
        .optional(),
    ),
    cadence: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
      z.enum(['MONTH', 'YEAR'], { error: asIssue(sentence('dashboard.members.errors.cadence')) }).optional(),
    ),
    currency: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z
        .string()
        .regex(/^[a-z]{3}$/, asIssue(sentence('dashboard.members.errors.currency')))
        .optional(),
    ),
    joinedFrom: isoDay(sentence('dashboard.members.errors.joinedFromFormat'), sentence('dashboard.members.errors.joinedFromDate')),
    joinedTo: isoDay(sentence('dashboard.members.errors.joinedToFormat'), sentence('dashboard.members.errors.joinedToDate')),
    voted: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z.enum(['yes', 'no'], { error: asIssue(sentence('dashboard.members.errors.voted')) }).optional(),
    ),
    sort: z.preprocess(
      blankToUndefined,
      z
        .enum(MEMBER_SORTS, { error: asIssue(sentence('dashboard.members.errors.sort', { values: MEMBER_SORTS.join(', ') })) })
        .default('joined'),
    ),
    dir: z.preprocess(blankToUndefined, z.enum(['asc', 'desc'], { error: asIssue(sentence('dashboard.members.errors.dir')) }).optional()),
    page: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: asIssue(sentence('dashboard.members.errors.pageNumber')) })
        .int(asIssue(sentence('dashboard.members.errors.pageWhole')))
        .min(1, asIssue(sentence('dashboard.members.errors.pageMin')))
        .max(1_000_000, asIssue(sentence('dashboard.members.errors.pageMax')))
        .default(1),
    ),
    after: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(2_000, asIssue(sentence('dashboard.members.errors.pageLink')))
        .optional(),
    ),
    before: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(2_000, asIssue(sentence('dashboard.members.errors.pageLink')))
        .optional(),
    ),
    pageSize: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: asIssue(sentence('dashboard.members.errors.pageSizeNumber')) })
        .int(asIssue(sentence('dashboard.members.errors.pageSizeWhole')))
        .min(1, asIssue(sentence('dashboard.members.errors.pageSizeMin')))
        .max(MAX_PAGE_SIZE, asIssue(sentence('dashboard.members.errors.pageSizeMax', { max: MAX_PAGE_SIZE })))
        .default(50),
    ),
  })
  .refine((v) => !v.joinedFrom || !v.joinedTo || v.joinedFrom <= v.joinedTo, {
    message: asIssue(sentence('dashboard.members.errors.joinedOrder')),
  })
  .refine((v) => !(v.after && v.before), { message: asIssue(sentence('dashboard.members.errors.pageLink')) })
  // Without a page link, a page is found by skipping rows: allowed for the first pages only.
  .refine((v) => v.after || v.before || v.page <= MAX_DIRECT_PAGE, {
    message: asIssue(sentence('dashboard.members.errors.pastDirectPage', { page: MAX_DIRECT_PAGE })),
  });

/** URL parameters → a validated query. Throws MemberQueryError (status 400) with a message for people. */
export function parseMemberQuery(params: Record<string, string | string[] | undefined>): MemberQuery {
  const raw = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, one(v)]));
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success)
    throw new MemberQueryError(issueSentence(parsed.error.issues[0]?.message) ?? sentence('dashboard.members.errors.invalid'));
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
    ...(v.after ? { after: v.after } : {}),
    ...(v.before ? { before: v.before } : {}),
  };
}

/** The query as URL parameters (for links, pagination and the CSV export of the same list). */
export function memberQueryToParams(
  q: MemberQuery,
  over: Partial<Record<'page' | 'sort' | 'dir' | 'after' | 'before', string>> = {},
): URLSearchParams {
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
  // A page link (keyset cursor) only when asked for: other links start from the first page.
  if (over.after) p.set('after', over.after);
  if (over.before) p.set('before', over.before);
  return p;
}

/** A parameter list that numbers itself. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  /** A JS instant as a timestamp in UTC wall time, comparable with the timestamp(3) columns. */
  instant(d: Date): string {
    return utcParam(this.add(d.toISOString()));
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What a query selects from (`ms` is the summary row): `from` is FROM … WHERE …, `order` its ORDER BY. */
type MemberSelection = { from: string; order: string };

/**
 * FROM … WHERE … ORDER BY for a query, on the members' summary rows (callers refresh them for `now`
 * first when the query reads their subscription columns), joined with User only for a text search or a
 * sort by name or email: filters and the joined/amount sorts are then one pass over a narrow table.
 */
function memberSelection(q: MemberQuery, params: Params, extraWhere?: () => string): MemberSelection {
  const where: string[] = [];
  const needUser = q.q !== undefined || q.sort === 'email' || q.sort === 'name';
  const from = needUser ? `"MemberSummary" ms JOIN "User" u ON u.id = ms."userId"` : `"MemberSummary" ms`;
  if (q.q) {
    const pattern = params.add(`%${escapeLike(q.q.toLowerCase())}%`);
    where.push(`(lower(u.email) LIKE ${pattern} OR lower(coalesce(u.name, '')) LIKE ${pattern})`);
  }
  if (q.status === 'patron') where.push(`ms.rank IN (${PATRON_RANKS.join(', ')})`);
  else if (q.status) where.push(`ms.rank = ${PATRON_STATE_ORDER.indexOf(q.status)}`);
  if (q.tier) {
    const t = params.add(q.tier);
    where.push(`ms."tierId" IN (SELECT id FROM "Tier" WHERE id = ${t} OR slug = ${t})`);
  }
  if (q.cadence) where.push(`ms.cadence = ${params.add(q.cadence)}::"BillingInterval"`);
  if (q.currency) where.push(`ms.currency = ${params.add(q.currency)}`);
  if (q.joinedFrom) where.push(`ms."joinedAt" >= ${params.instant(q.joinedFrom)}`);
  if (q.joinedBefore) where.push(`ms."joinedAt" < ${params.instant(q.joinedBefore)}`);
  if (q.voted !== undefined) where.push(`ms."firstVotedAt" IS ${q.voted ? 'NOT ' : ''}NULL`);
  if (extraWhere) where.push(extraWhere());
  return { from: `FROM ${from}${where.length ? `\n WHERE ${where.join('\n   AND ')}` : ''}`, order: orderBy(sortKeys(q)) };
}

/** The summaries a query reads, brought up to date for `now` (none when it reads no summary). */
async function refreshFor(q: MemberQuery, now: Date): Promise<void> {
  const needSubscriptionColumns =
    q.status !== undefined || q.tier !== undefined || q.cadence !== undefined || q.currency !== undefined || q.sort === 'amount';
  if (needSubscriptionColumns) await refreshMemberSummaries(now);
}

/** `next` / `previous`: cursors for the pages after and before this one (absent at either end). */
export type MemberPage = { rows: MemberRow[]; total: number; page: number; pageSize: number; next?: string; previous?: string };

type KeyedId = { id: string } & Record<`k${number}`, string | null>;

/** One page of ids in the list's order, by keyset from a cursor (or OFFSET for the first pages), and the cursors around it. */
async function pageOfIds(query: MemberQuery, limit: number, offset = 0): Promise<{ ids: string[]; next?: string; previous?: string }> {
  const sql = await getSql();
  const keys = sortKeys(query);
  const text = query.after ?? query.before;
  const cursor = text === undefined ? null : decodeCursor(text, keys);
  if (text !== undefined && !cursor) throw new MemberQueryError(sentence('dashboard.members.errors.staleLink'));
  const backwards = query.before !== undefined;
  const params = new Params();
  const order = backwards ? reversed(keys) : keys;
  const sel = memberSelection(query, params, cursor ? () => afterCursor(order, cursor, (v) => params.add(v)) : undefined);
  const rows = await sql.query<KeyedId>(
    `SELECT ms."userId" AS id, ${keyColumns(keys)} ${sel.from} ${orderBy(order)} LIMIT ${params.add(limit + 1)}${offset ? ` OFFSET ${params.add(offset)}` : ''}`,
    params.values,
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backwards) page.reverse();
  const cursorOf = (r: KeyedId | undefined) => (r ? encodeCursor(keys.map((_, i) => r[`k${i}`] ?? null)) : undefined);
  const hasNext = backwards || more;
  const hasPrevious = backwards ? more : cursor !== null || offset > 0;
  return {
    ids: page.map((r) => r.id),
    next: hasNext ? cursorOf(page.at(-1)) : undefined,
    previous: hasPrevious ? cursorOf(page[0]) : undefined,
  };
}

export async function searchMembers(query: MemberQuery, now: Date = new Date()): Promise<MemberPage> {
  const sql = await getSql();
  await refreshFor(query, now);
  const countParams = new Params();
  const counted = memberSelection(query, countParams);
  // The page and the total as two statements: the page stops after its rows (an index or a top-N
  // sort from the cursor), where a window count would make it read and sort every match.
  const direct = query.after === undefined && query.before === undefined;
  const [page, [count]] = await Promise.all([
    pageOfIds(query, query.pageSize, direct ? (query.page - 1) * query.pageSize : 0),
    sql.query<{ total: number }>(`SELECT count(*)::int AS total ${counted.from}`, countParams.values),
  ]);
  return {
    rows: await memberRowsByIds(page.ids, now),
    total: count?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    ...(page.next ? { next: page.next } : {}),
    ...(page.previous ? { previous: page.previous } : {}),
  };
}

/** Every matching member id, in the list's order, a chunk at a time by keyset (the CSV export). */
export async function* memberIdChunks(query: MemberQuery, chunk: number, now: Date = new Date()): AsyncGenerator<string[]> {
  await refreshFor(query, now);
  let q: MemberQuery = { ...query, page: 1, after: undefined, before: undefined };
  for (;;) {
    const { ids, next } = await pageOfIds(q, chunk);
    if (ids.length) yield ids;
    if (!next) return;
    q = { ...q, after: next };
  }
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
              ms."firstVotedAt" IS NOT NULL AS voted,
              sc."customerId" AS "stripeCustomerId"
         FROM "User" u
         JOIN "MemberSummary" ms ON ms."userId" = u.id
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
    const tier = s?.tierId
      ? { id: s.tierId, name: s.tierName ?? s.tierId }
      : u.importedTierId
        ? { id: u.importedTierId, name: u.importedTierName ?? u.importedTierId }
        : null;
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
  const rows = await sql.query<{ id: string; rank: number }>(
    `SELECT s.id, (${subscriptionRankSql(nowSql, graceSql)})::int AS rank FROM "Subscription" s WHERE s.id = ANY(${idsParam}::text[])`,
    params.values,
  );
  return new Map(rows.map((r) => [r.id, PATRON_STATE_ORDER[r.rank]!]));
}
