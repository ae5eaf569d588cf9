/** Charges (our Payment rows): written only when the fetch is newer than the stored one. */
import type Stripe from 'stripe';
import { asInstant, NOW_UTC, utcParam } from '@/lib/db/sql-time';
import { recordPaymentState } from '@/lib/analytics/history';
import { getStripe } from '../stripe';
import { idOf } from '../ids';
import { resolveUserId } from './customer';
import { mirrorClock, type MirrorStamp } from './sql';
import { getPreparedSql } from '@/lib/db/client';
import { diff, latestRefundAt, paymentRow } from './mappers';
import type { SyncOptions, SyncResult } from './types';
import { syncInvoice } from './invoice';

const NEWER = `("Payment"."fetchedAt" IS NULL OR "Payment"."fetchedAt" < EXCLUDED."fetchedAt")`;
const ifNewer = (col: string) => `"${col}" = CASE WHEN ${NEWER} THEN EXCLUDED."${col}" ELSE "Payment"."${col}" END`;

/**
 * The charge's columns are replaced only by a newer fetch; the links (invoice, checkout session) are
 * not Stripe state but what we learnt about the charge, so a new link is kept whichever fetch it came
 * with. "won": this fetch's state is the one stored.
 */
const UPSERT_PAYMENT_SQL = `
  INSERT INTO "Payment" ("id", "userId", "customerId", "invoiceId", "checkoutSessionId", "amount", "amountRefunded", "currency", "status", "createdAt", "syncedAt", "fetchedAt")
  VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::int, $7::int, $8::text, $9::text, ${utcParam('$10')}, ${NOW_UTC}, $11::timestamptz)
  ON CONFLICT ("id") DO UPDATE SET
    ${['userId', 'customerId', 'amount', 'amountRefunded', 'currency', 'status', 'createdAt', 'syncedAt', 'fetchedAt'].map(ifNewer).join(', ')},
    "invoiceId" = COALESCE(EXCLUDED."invoiceId", "Payment"."invoiceId"),
    "checkoutSessionId" = COALESCE(EXCLUDED."checkoutSessionId", "Payment"."checkoutSessionId")
  WHERE ${NEWER}
    OR (EXCLUDED."invoiceId" IS NOT NULL AND EXCLUDED."invoiceId" IS DISTINCT FROM "Payment"."invoiceId")
    OR (EXCLUDED."checkoutSessionId" IS NOT NULL AND EXCLUDED."checkoutSessionId" IS DISTINCT FROM "Payment"."checkoutSessionId")
  RETURNING ("fetchedAt" = $11::timestamptz) AS won`;

/**
 * Upserts one charge as a Payment, fetched after `stamp`. Existing links (invoice, checkout session)
 * are kept unless new ones are given. Revenue figures are counted from the row as stored, so only the
 * write that won needs to count them. Returns whether this fetch's state is stored.
 */
export async function upsertCharge(
  c: Stripe.Charge,
  stamp: MirrorStamp,
  links: { userId?: string | null; invoiceId?: string | null; checkoutSessionId?: string | null } = {},
): Promise<boolean> {
  const sql = await getPreparedSql();
  const f = paymentRow(c);
  const userId = links.userId ?? (await resolveUserId(f.customerId, c.metadata?.userId));
  const [row] = await sql.query<{ won: boolean }>(UPSERT_PAYMENT_SQL, [
    c.id,
    userId,
    f.customerId,
    links.invoiceId ?? null,
    links.checkoutSessionId ?? null,
    f.amount,
    f.amountRefunded,
    f.currency,
    f.status,
    f.createdAt.toISOString(),
    stamp,
  ]);
  const won = row?.won ?? false;
  if (won) await recordPaymentState({ id: c.id, amountRefunded: c.amount_refunded, refundedAt: latestRefundAt(c) }, new Date(), sql);
  return won;
}

/**
 * Re-fetches a charge (e.g. after a refund) and updates its Payment and the invoice it paid. The charge
 * is fetched and written once: the invoice sync reuses it instead of fetching it again.
 */
export async function syncCharge(id: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const stripe = getStripe();
  const sql = await getPreparedSql();
  const stamp = opts.stamp ?? (await mirrorClock(sql));
  const c = await stripe.charges.retrieve(id, { expand: ['refunds'] });
  const [before] = await sql.query<{
    customerId: string;
    invoiceId: string | null;
    amount: number;
    amountRefunded: number;
    currency: string;
    status: string;
    createdAt: Date;
  }>(
    `SELECT "customerId", "invoiceId", "amount", "amountRefunded", "currency", "status", ${asInstant('"createdAt"', 'createdAt')} FROM "Payment" WHERE "id" = $1::text`,
    [id],
  );
  let invoiceId = before?.invoiceId ?? null;
  const piId = idOf(c.payment_intent);
  if (!invoiceId && piId) {
    const list = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: piId }, limit: 100 });
    const match = list.data.find((p) => idOf(p.payment.payment_intent) === piId);
    invoiceId = match ? idOf(match.invoice) : null;
  }
  const viaInvoice = invoiceId
    ? await syncInvoice(invoiceId, { ...opts, emails: false, stamp, knownCharges: { charges: [c], stamp } })
    : null;
  const stored = viaInvoice?.chargeIds.includes(id) ?? false;
  const won = stored ? viaInvoice!.chargesWon.includes(id) : await upsertCharge(c, stamp);
  if (!won) return { id, action: 'unchanged', changes: [], stale: true };
  const changes = diff(before ?? null, { ...paymentRow(c), invoiceId: stored ? invoiceId : (before?.invoiceId ?? null) });
  return { id, action: before ? (changes.length ? 'updated' : 'unchanged') : 'created', changes };
}
