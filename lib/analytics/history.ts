/**
 * The billing mirror's history, the raw material of every supporter figure. The mirror calls
 * `recordSubscriptionState` after each subscription upsert and `recordPaymentState` after each charge
 * upsert. A SubscriptionChange row is appended only when something a figure depends on changed, so
 * duplicate and replayed webhooks add nothing, and the daily rollups are updated in the same statement.
 *
 * Hot path (webhook processing): raw SQL via getSql(). A subscription costs one read, plus one write
 * statement when something changed; a charge costs one statement.
 */
import { randomUUID } from 'node:crypto';
import { getSql } from '@/lib/db/client';
import { utcParam } from '@/lib/db/sql-time';
import { onlyRow, type Sql } from '@/lib/db/sql';
import { isUniqueViolation } from '@/lib/db/errors';
import { graceDays } from '@/lib/billing/config';
import { aggregate, derive, nonZero, transitionDeltas, type ChangeState, type Delta, type PreviousRow } from './rollup-math';

export type SubscriptionSnapshot = {
  subscriptionId: string;
  userId: string;
  status: string;
  tierId: string | null;
  currency: string;
  interval: 'MONTH' | 'YEAR';
  amount: number;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date;
  pastDueSince: Date | null;
  endedAt: Date | null;
  startedAt: Date;
  canceledAt: Date | null;
};

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const utc = (n: number) => utcParam(`$${n}`);

/** When did this state take effect? The first state at the subscription's start, an ending at its end, else when we saw it. */
export function effectiveAt(s: SubscriptionSnapshot, isFirst: boolean, seenAt: Date): Date {
  if (isFirst) return s.startedAt;
  if (s.endedAt) return s.endedAt;
  if (s.status === 'past_due' && s.pastDueSince) return s.pastDueSince;
  return seenAt;
}

type LastRow = PreviousRow & { seq: number; hadPatronage: boolean };

/** The row LAST_ROW_SQL reads: the subscription's latest change (all null when it has none), and whether the user was ever a patron. */
type StoredChange = ChangeState & { seq: number; isPatron: boolean; patronUntil: Date | null };
type LastRowSource = (StoredChange | { [K in keyof StoredChange]: null }) & { hadPatronage: boolean };

const LAST_ROW_SQL = `
SELECT l.*, EXISTS (SELECT 1 FROM "SubscriptionChange" u WHERE u."userId" = $2 AND u."isPatron") AS "hadPatronage"
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (
  SELECT c.seq, c.at AT TIME ZONE 'UTC' AS at, c.status, c."tierId", c.currency, c.interval::text AS interval, c.amount,
         c."cancelAtPeriodEnd", c."currentPeriodEnd" AT TIME ZONE 'UTC' AS "currentPeriodEnd",
         c."pastDueSince" AT TIME ZONE 'UTC' AS "pastDueSince", c."endedAt" AT TIME ZONE 'UTC' AS "endedAt",
         c."isPatron", c."patronUntil" AT TIME ZONE 'UTC' AS "patronUntil"
  FROM "SubscriptionChange" c WHERE c."subscriptionId" = $1 ORDER BY c.seq DESC LIMIT 1
) AS l ON true`;

export async function recordSubscriptionState(s: SubscriptionSnapshot, seenAt: Date, sql?: Sql): Promise<void> {
  sql ??= await getSql();
  for (let attempt = 0; ; attempt++) {
    try {
      return await appendIfChanged(sql, s, seenAt);
    } catch (e) {
      // Another worker appended after the same row first: read again and retry.
      if (attempt < 5 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}

async function appendIfChanged(sql: Sql, s: SubscriptionSnapshot, seenAt: Date): Promise<void> {
  const row = onlyRow(await sql.query<LastRowSource>(LAST_ROW_SQL, [s.subscriptionId, s.userId]));
  const last = row.seq !== null ? toLastRow(row) : null;
  const hadPatronage = row.hadPatronage;
  if (
    last &&
    last.status === s.status &&
    last.tierId === s.tierId &&
    last.currency === s.currency &&
    last.interval === s.interval &&
    last.amount === s.amount &&
    last.cancelAtPeriodEnd === s.cancelAtPeriodEnd &&
    same(last.currentPeriodEnd, s.currentPeriodEnd) &&
    same(last.pastDueSince, s.pastDueSince) &&
    same(last.endedAt, s.endedAt)
  )
    return;
  let at = effectiveAt(s, !last, seenAt);
  if (last && at < last.at) at = last.at; // history never runs backwards
  const next = { ...s, at };
  const derived = derive(next, graceDays());
  // In key order: the mirror appends inside its write's transaction, so rollup rows stay locked until
  // it commits, and writers of different subscriptions taking them in one order cannot deadlock.
  const deltas = nonZero(aggregate(transitionDeltas(last, next, derived, hadPatronage))).sort(byRollupKey);
  const params: unknown[] = [
    randomUUID(),
    s.subscriptionId,
    s.userId,
    iso(at),
    s.status,
    s.tierId,
    s.currency,
    s.interval,
    s.amount,
    s.cancelAtPeriodEnd,
    iso(s.currentPeriodEnd),
    iso(s.pastDueSince),
    iso(s.endedAt),
    last?.seq ?? 0,
    derived.isPatron,
    iso(derived.patronUntil),
  ];
  const rollup = rollupUpsert(deltas, params.length + 1);
  await sql.query(
    `WITH superseded AS (
       UPDATE "SubscriptionChange" SET "supersededAt" = ${utc(4)} WHERE "subscriptionId" = $2 AND seq = $14 AND $14 <> 0 RETURNING 1
     ), inserted AS (
       INSERT INTO "SubscriptionChange" (id, "subscriptionId", "userId", at, status, "tierId", currency, interval, amount, "cancelAtPeriodEnd",
         "currentPeriodEnd", "pastDueSince", "endedAt", "prevSeq", "isPatron", "patronUntil")
       VALUES ($1, $2, $3, ${utc(4)}, $5, $6, $7, $8::"BillingInterval", $9, $10, ${utc(11)}, ${utc(12)}, ${utc(13)}, $14, $15, ${utc(16)})
       RETURNING 1
     )${rollup ? `, rolled AS (${rollup.text})` : ''}
     SELECT (SELECT count(*) FROM inserted)::int AS n`,
    [...params, ...(rollup?.params ?? [])],
  );
}

const rollupKey = (d: Delta) => `${d.day}|${d.currency}|${d.tierId}|${d.interval}`;
const byRollupKey = (a: Delta, b: Delta) => (rollupKey(a) < rollupKey(b) ? -1 : rollupKey(a) > rollupKey(b) ? 1 : 0);

function toLastRow({ seq, isPatron, patronUntil, ...state }: StoredChange): LastRow {
  // The level is re-derived (it is a pure function of the row); isPatron/patronUntil are as recorded.
  const level = derive(state, graceDays()).level;
  return {
    ...state,
    seq,
    isPatron,
    patronUntil,
    level: isPatron ? level : { patrons: 0, paying: 0, trials: 0, pastDue: 0, mrr12: 0 },
    hadPatronage: false,
  };
}

/** `INSERT … ON CONFLICT DO UPDATE` adding deltas to DailyRollup (one row per key: callers aggregate first). */
export function rollupUpsert(deltas: Delta[], firstParam: number): { text: string; params: unknown[] } | null {
  if (!deltas.length) return null;
  const cols = {
    day: deltas.map((d) => d.day),
    currency: deltas.map((d) => d.currency),
    tierId: deltas.map((d) => d.tierId),
    interval: deltas.map((d) => d.interval),
    patronsDelta: deltas.map((d) => d.patrons ?? 0),
    payingDelta: deltas.map((d) => d.paying ?? 0),
    trialsDelta: deltas.map((d) => d.trials ?? 0),
    pastDueDelta: deltas.map((d) => d.pastDue ?? 0),
    mrr12Delta: deltas.map((d) => d.mrr12 ?? 0),
    newPatrons: deltas.map((d) => d.newPatrons ?? 0),
    churnedPatrons: deltas.map((d) => d.churned ?? 0),
    reactivated: deltas.map((d) => d.reactivated ?? 0),
    upgrades: deltas.map((d) => d.upgrades ?? 0),
    downgrades: deltas.map((d) => d.downgrades ?? 0),
    paused: deltas.map((d) => d.paused ?? 0),
    resumed: deltas.map((d) => d.resumed ?? 0),
  };
  const types: Record<string, string> = { day: 'date[]', currency: 'text[]', tierId: 'text[]', interval: 'text[]', mrr12Delta: 'bigint[]' };
  const names = Object.keys(cols);
  const quoted = names.map((n) => `"${n}"`);
  const unnest = names.map((n, i) => `$${firstParam + i}::${types[n] ?? 'int[]'}`).join(', ');
  const sums = names.slice(4).map((n) => `"${n}" = "DailyRollup"."${n}" + EXCLUDED."${n}"`);
  return {
    text: `INSERT INTO "DailyRollup" (${quoted.join(', ')})
      SELECT u.day, u.currency, u."tierId", u.interval::"BillingInterval", ${quoted
        .slice(4)
        .map((q) => `u.${q}`)
        .join(', ')}
      FROM unnest(${unnest}) AS u(${quoted.join(', ')})
      ON CONFLICT (day, currency, "tierId", interval) DO UPDATE SET ${sums.join(', ')}`,
    params: Object.values(cols),
  };
}

/**
 * Counts a charge in the daily revenue: collected amounts on the charge's day, refunds on the refund's
 * day (Stripe's refund time when the charge came with its refunds, else the first time the mirror saw
 * the refund). The Payment row remembers what is already counted, so re-syncs add only the difference.
 * The same difference goes to AttributionDaily under the payer's last call to action: their latest
 * checkout started before the charge (our app records a checkout before Stripe ever charges, so the
 * order in which webhooks arrive does not matter).
 */
export async function recordPaymentState(
  p: { id: string; amountRefunded: number; refundedAt: Date | null },
  seenAt: Date,
  sql?: Sql,
): Promise<void> {
  sql ??= await getSql();
  await sql.query(PAYMENT_SQL, [p.id, iso(p.refundedAt), iso(seenAt)]);
}

/** Statuses of a charge whose money was collected (refunds are subtracted separately). */
export const COLLECTED_STATUSES = `('succeeded', 'refunded', 'partially_refunded')`;

/** The last checkout a payer started at or before a payment (`p` has "userId" and "createdAt"). */
export const LAST_TOUCH_SQL = (p: string) => `LEFT JOIN LATERAL (
    SELECT c."fromArticle" AS article, c.placement, c."fromRound" AS round FROM "Checkout" c
    WHERE c."userId" = ${p}."userId" AND c."createdAt" <= ${p}."createdAt"
    ORDER BY c."createdAt" DESC, c.id DESC LIMIT 1
  ) AS touch ON true`;

const PAYMENT_SQL = `
WITH cur AS (
  SELECT p.id, p."userId", p."createdAt", p.currency, (p."createdAt")::date AS "paidDay", p."countedAmount", p."countedRefund", p."countedRefundDay",
         CASE WHEN p.status IN ${COLLECTED_STATUSES} THEN p.amount ELSE 0 END AS "newAmount",
         p."amountRefunded" AS "newRefund",
         CASE WHEN p."amountRefunded" > 0 THEN COALESCE($2::timestamptz AT TIME ZONE 'UTC', p."refundedAt", $3::timestamptz AT TIME ZONE 'UTC') END AS "newRefundedAt"
  FROM "Payment" p WHERE p.id = $1 FOR UPDATE
), changed AS (
  SELECT cur.*, ("newRefundedAt")::date AS "newRefundDay" FROM cur
  WHERE "newAmount" <> "countedAmount" OR "newRefund" <> "countedRefund" OR ("newRefundedAt")::date IS DISTINCT FROM "countedRefundDay"
), updated AS (
  UPDATE "Payment" p SET "countedAmount" = c."newAmount", "countedRefund" = c."newRefund", "countedRefundDay" = c."newRefundDay",
         "refundedAt" = COALESCE(c."newRefundedAt", p."refundedAt")
  FROM changed c WHERE p.id = c.id RETURNING 1
), deltas AS (
  SELECT "paidDay" AS day, currency, "newAmount" - "countedAmount" AS revenue, 0 AS refunded FROM changed WHERE "newAmount" <> "countedAmount"
  UNION ALL
  SELECT "countedRefundDay", currency, 0, -"countedRefund" FROM changed WHERE "countedRefund" <> 0
  UNION ALL
  SELECT "newRefundDay", currency, 0, "newRefund" FROM changed WHERE "newRefund" <> 0
), summed AS (
  SELECT day, currency, sum(revenue)::int AS revenue, sum(refunded)::int AS refunded FROM deltas GROUP BY day, currency
), attributed AS (
  INSERT INTO "AttributionDaily" (day, currency, article, placement, round, revenue)
  SELECT s.day, s.currency, coalesce(touch.article, ''), coalesce(touch.placement, ''), coalesce(touch.round, ''), s.revenue - s.refunded
  FROM summed s CROSS JOIN changed ${LAST_TOUCH_SQL('changed')}
  WHERE s.revenue - s.refunded <> 0
  ON CONFLICT (day, currency, article, placement, round) DO UPDATE SET revenue = "AttributionDaily".revenue + EXCLUDED.revenue
  RETURNING 1
)
INSERT INTO "DailyRollup" (day, currency, "tierId", interval, revenue, refunded)
SELECT day, currency, '', 'MONTH', revenue, refunded FROM summed WHERE revenue <> 0 OR refunded <> 0
ON CONFLICT (day, currency, "tierId", interval) DO UPDATE
SET revenue = "DailyRollup".revenue + EXCLUDED.revenue, refunded = "DailyRollup".refunded + EXCLUDED.refunded`;
