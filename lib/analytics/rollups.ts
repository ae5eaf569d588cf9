/**
 * Full recompute of the daily rollups from the raw history (SubscriptionChange + Payment), the
 * reference the incremental updates of history.ts must agree with (`npm run analytics:recompute`).
 *
 * Rows are folded in recording order (seq) with the same rules as the webhook path (rollup-math.ts);
 * the derived columns of each row (prevSeq, isPatron, patronUntil, supersededAt) are re-derived too,
 * so a change of PATRON_GRACE_DAYS or rows inserted in bulk (the demo seed) are taken into account.
 * The new rollups replace the old ones in one statement; webhooks recorded while a recompute runs
 * may be missed by it (run it again, or when the webhook queue is quiet).
 */
import { getSql } from '@/lib/db/client';
import { onlyRow, type Sql } from '@/lib/db/sql';
import { graceDays as graceDaysFromEnv } from '@/lib/billing/config';
import { COLLECTED_STATUSES, LAST_TOUCH_SQL, rollupUpsert } from './history';
import { aggregate, derive, nonZero, transitionDeltas, type ChangeState, type Delta, type PreviousRow } from './rollup-math';

const BATCH = 20_000;

/** A SubscriptionChange row as read below (instants `AT TIME ZONE 'UTC'`, so Dates; the interval as text). */
type StoredRow = ChangeState & {
  seq: number;
  subscriptionId: string;
  userId: string;
  prevSeq: number;
  isPatron: boolean;
  patronUntil: Date | null;
  supersededAt: Date | null;
};

type Fix = { seq: number; prevSeq: number; isPatron: boolean; patronUntil: Date | null; supersededAt: Date | null };

const t = (d: Date | null) => d?.getTime() ?? null;

export type RecomputeResult = { changes: number; payments: number; rollupRows: number; fixedRows: number; ms: number };

export async function recomputeRollups(opts: { sql?: Sql; graceDays?: number } = {}): Promise<RecomputeResult> {
  const started = Date.now();
  const sql = opts.sql ?? (await getSql());
  const grace = opts.graceDays ?? graceDaysFromEnv();
  const totals = new Map<string, Delta>();
  // Per subscription: its latest row so far (as stored) and what it should hold.
  const last = new Map<string, { stored: StoredRow; state: PreviousRow; fix: Fix }>();
  const patronUsers = new Set<string>();
  const fixes: Fix[] = [];
  let fixedRows = 0;
  let after = 0;
  let changes = 0;
  const settle = (stored: StoredRow, fix: Fix) => {
    if (differs(stored, fix)) fixes.push(fix);
  };
  for (;;) {
    const rows = await sql.query<StoredRow>(
      `SELECT seq, "subscriptionId", "userId", at AT TIME ZONE 'UTC' AS at, status, "tierId", currency, interval::text AS interval, amount,
              "cancelAtPeriodEnd", "currentPeriodEnd" AT TIME ZONE 'UTC' AS "currentPeriodEnd", "pastDueSince" AT TIME ZONE 'UTC' AS "pastDueSince",
              "endedAt" AT TIME ZONE 'UTC' AS "endedAt", "prevSeq", "isPatron", "patronUntil" AT TIME ZONE 'UTC' AS "patronUntil",
              "supersededAt" AT TIME ZONE 'UTC' AS "supersededAt"
       FROM "SubscriptionChange" WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`,
      [after],
    );
    if (!rows.length) break;
    for (const row of rows) {
      changes++;
      const prev = last.get(row.subscriptionId) ?? null;
      const derived = derive(row, grace);
      aggregate(transitionDeltas(prev?.state ?? null, row, derived, patronUsers.has(row.userId)), totals);
      if (prev) settle(prev.stored, { ...prev.fix, supersededAt: row.at });
      if (derived.isPatron) patronUsers.add(row.userId);
      last.set(row.subscriptionId, {
        stored: row,
        state: { ...row, ...derived },
        fix: {
          seq: row.seq,
          prevSeq: prev?.stored.seq ?? 0,
          isPatron: derived.isPatron,
          patronUntil: derived.patronUntil,
          supersededAt: null,
        },
      });
      after = row.seq;
    }
    if (fixes.length >= BATCH) fixedRows += await applyFixes(sql, fixes.splice(0));
  }
  for (const { stored, fix } of last.values()) settle(stored, fix);
  fixedRows += await applyFixes(sql, fixes.splice(0));

  // Payments: collected amounts on the charge's day, refunds on the refund's day.
  const { n: payments } = onlyRow(
    await sql.query<{ n: number }>(
      `WITH fixed AS (
       UPDATE "Payment" SET
         "refundedAt" = CASE WHEN "amountRefunded" > 0 THEN COALESCE("refundedAt", "createdAt") ELSE "refundedAt" END,
         "countedAmount" = CASE WHEN status IN ${COLLECTED_STATUSES} THEN amount ELSE 0 END,
         "countedRefund" = "amountRefunded",
         "countedRefundDay" = CASE WHEN "amountRefunded" > 0 THEN COALESCE("refundedAt", "createdAt")::date END
       WHERE "countedAmount" IS DISTINCT FROM (CASE WHEN status IN ${COLLECTED_STATUSES} THEN amount ELSE 0 END)
          OR "countedRefund" <> "amountRefunded"
          OR "countedRefundDay" IS DISTINCT FROM (CASE WHEN "amountRefunded" > 0 THEN COALESCE("refundedAt", "createdAt")::date END)
       RETURNING 1)
     SELECT (SELECT count(*) FROM "Payment")::int AS n, (SELECT count(*) FROM fixed)::int AS fixed`,
    ),
  );
  const money = await sql.query<{ day: string; currency: string; revenue: number; refunded: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, currency, sum(revenue)::float8 AS revenue, sum(refunded)::float8 AS refunded FROM (
       SELECT "createdAt"::date AS day, currency, amount AS revenue, 0 AS refunded FROM "Payment" WHERE status IN ${COLLECTED_STATUSES}
       UNION ALL
       SELECT COALESCE("refundedAt", "createdAt")::date, currency, 0, "amountRefunded" FROM "Payment" WHERE "amountRefunded" > 0
     ) x GROUP BY 1, 2`,
  );

  const rows = nonZero(totals).map((d) => ({ ...d, revenue: 0, refunded: 0 }));
  const byKey = new Map(rows.map((r) => [`${r.day}|${r.currency}|${r.tierId}|${r.interval}`, r]));
  for (const m of money) {
    const k = `${m.day}|${m.currency}||MONTH`;
    let r = byKey.get(k);
    if (!r) byKey.set(k, (r = { day: m.day, currency: m.currency, tierId: '', interval: 'MONTH', revenue: 0, refunded: 0 }));
    r.revenue += Number(m.revenue);
    r.refunded += Number(m.refunded);
  }
  const all = [...byKey.values()].filter((r) => r.revenue || r.refunded || nonZero(new Map([['k', r]])).length);
  await replaceRollups(sql, all);
  await rebuildAttribution(sql);
  return { changes, payments, rollupRows: all.length, fixedRows, ms: Date.now() - started };
}

function differs(r: StoredRow, f: Fix): boolean {
  return (
    r.prevSeq !== f.prevSeq || r.isPatron !== f.isPatron || t(r.patronUntil) !== t(f.patronUntil) || t(r.supersededAt) !== t(f.supersededAt)
  );
}

async function applyFixes(sql: Sql, fixes: Fix[]): Promise<number> {
  if (!fixes.length) return 0;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  await sql.query(
    `UPDATE "SubscriptionChange" c SET "prevSeq" = u."prevSeq", "isPatron" = u."isPatron",
        "patronUntil" = u."patronUntil" AT TIME ZONE 'UTC', "supersededAt" = u."supersededAt" AT TIME ZONE 'UTC'
     FROM unnest($1::int[], $2::int[], $3::bool[], $4::timestamptz[], $5::timestamptz[]) AS u(seq, "prevSeq", "isPatron", "patronUntil", "supersededAt")
     WHERE c.seq = u.seq`,
    [
      fixes.map((f) => f.seq),
      fixes.map((f) => f.prevSeq),
      fixes.map((f) => f.isPatron),
      fixes.map((f) => iso(f.patronUntil)),
      fixes.map((f) => iso(f.supersededAt)),
    ],
  );
  return fixes.length;
}

/** AttributionDaily from the payments (after their refund times were settled above), replaced in one statement. */
async function rebuildAttribution(sql: Sql): Promise<void> {
  await sql.query(
    `WITH pay AS (
       SELECT p."userId", p."createdAt", p.currency, p."createdAt"::date AS day,
              CASE WHEN p.status IN ${COLLECTED_STATUSES} THEN p.amount ELSE 0 END AS amount,
              p."amountRefunded" AS refunded, COALESCE(p."refundedAt", p."createdAt")::date AS "refundDay"
       FROM "Payment" p WHERE p.status IN ${COLLECTED_STATUSES} OR p."amountRefunded" > 0
     ), touched AS (
       SELECT pay.*, coalesce(touch.article, '') AS article, coalesce(touch.placement, '') AS placement, coalesce(touch.round, '') AS round
       FROM pay ${LAST_TOUCH_SQL('pay')}
     ), flows AS (
       SELECT day, currency, article, placement, round, amount AS revenue FROM touched WHERE amount <> 0
       UNION ALL
       SELECT "refundDay", currency, article, placement, round, -refunded FROM touched WHERE refunded <> 0
     ), fresh AS (
       SELECT day, currency, article, placement, round, sum(revenue)::int AS revenue FROM flows GROUP BY 1, 2, 3, 4, 5 HAVING sum(revenue) <> 0
     ), gone AS (
       DELETE FROM "AttributionDaily" d WHERE NOT EXISTS (
         SELECT 1 FROM fresh f WHERE f.day = d.day AND f.currency = d.currency AND f.article = d.article AND f.placement = d.placement AND f.round = d.round)
       RETURNING 1
     )
     INSERT INTO "AttributionDaily" (day, currency, article, placement, round, revenue) SELECT * FROM fresh
     ON CONFLICT (day, currency, article, placement, round) DO UPDATE SET revenue = EXCLUDED.revenue`,
  );
}

type RollupRow = Delta & { revenue: number; refunded: number };

/** Replaces every DailyRollup row in one statement (readers never see a half-built table). */
async function replaceRollups(sql: Sql, rows: RollupRow[]): Promise<void> {
  const upsert = rollupUpsert(rows, 3);
  if (!upsert) {
    await sql.query(`DELETE FROM "DailyRollup"`);
    return;
  }
  const cols = upsert.params;
  await sql.query(
    // Keys that no longer exist are deleted, the others overwritten: one statement, so atomic.
    `WITH fresh AS (
       SELECT * FROM unnest($3::date[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::int[], $11::bigint[],
                            $12::int[], $13::int[], $14::int[], $15::int[], $16::int[], $17::int[], $18::int[], $1::bigint[], $2::bigint[])
         AS u(day, currency, "tierId", interval, p, pay, tr, pd, m, n, c, r, up, dn, pa, re, rev, ref)
     ), gone AS (
       DELETE FROM "DailyRollup" d
       WHERE NOT EXISTS (SELECT 1 FROM fresh f WHERE f.day = d.day AND f.currency = d.currency AND f."tierId" = d."tierId" AND f.interval::"BillingInterval" = d.interval)
       RETURNING 1
     )
     INSERT INTO "DailyRollup" AS d (day, currency, "tierId", interval, "patronsDelta", "payingDelta", "trialsDelta", "pastDueDelta", "mrr12Delta",
       "newPatrons", "churnedPatrons", reactivated, upgrades, downgrades, paused, resumed, revenue, refunded)
     SELECT day, currency, "tierId", interval::"BillingInterval", p, pay, tr, pd, m, n, c, r, up, dn, pa, re, rev, ref FROM fresh
     ON CONFLICT (day, currency, "tierId", interval) DO UPDATE SET
       "patronsDelta" = EXCLUDED."patronsDelta", "payingDelta" = EXCLUDED."payingDelta", "trialsDelta" = EXCLUDED."trialsDelta",
       "pastDueDelta" = EXCLUDED."pastDueDelta", "mrr12Delta" = EXCLUDED."mrr12Delta", "newPatrons" = EXCLUDED."newPatrons",
       "churnedPatrons" = EXCLUDED."churnedPatrons", reactivated = EXCLUDED.reactivated, upgrades = EXCLUDED.upgrades,
       downgrades = EXCLUDED.downgrades, paused = EXCLUDED.paused, resumed = EXCLUDED.resumed, revenue = EXCLUDED.revenue, refunded = EXCLUDED.refunded`,
    [rows.map((r) => r.revenue), rows.map((r) => r.refunded), ...cols],
  );
}
