/**
 * The mirror: re-fetch an object from Stripe and upsert our copy. Used by the webhook handlers (so the
 * order in which events arrive never matters: we always store Stripe's current state) and by the
 * reconcile job. Every function here is idempotent.
 */
import { statusOfOne } from './patron-status';
import type Stripe from 'stripe';
import { getDb, getSql } from '@/lib/db/client';
import { asInstant, NOW_UTC, utcParam } from '@/lib/db/sql-time';
import { siteName, siteUrl } from '@/lib/config/site';
import {
  cancellationConfirmedEmail,
  membershipEndedEmail,
  paymentFailedEmail,
  paymentReceiptEmail,
  welcomeEmail,
} from '@/lib/mail/billing-templates';
import { getStripe } from './stripe';
import { fromUnix, fromUnixOrNull, idOf } from './ids';
import { BILLING_EMAIL_KINDS, sendBillingEmailOnce } from './emails';
import { formatMoney, graceDays } from './config';
import { recordPaymentState, recordSubscriptionState } from '@/lib/analytics/history';

export type SyncAction = 'created' | 'updated' | 'unchanged' | 'skipped';
export type SyncResult = { id: string; action: SyncAction; changes: string[]; reason?: string };
export type SyncOptions = { emails?: boolean; now?: Date };

// ---------------------------------------------------------------------------------------------
// customers ↔ users

/** The user a Stripe customer belongs to: our StripeCustomer row first, then `metadata.userId`. */
export async function resolveUserId(customerId: string | null, metadataUserId?: string | null): Promise<string | null> {
  return (await lookupCustomer(customerId, metadataUserId ?? null, null)).userId;
}

/**
 * resolveUserId in one statement (plus the link when the user came from metadata), optionally also
 * telling whether subscription `subscriptionId` is mirrored yet.
 */
async function lookupCustomer(customerId: string | null, metadataUserId: string | null, subscriptionId: string | null): Promise<{ userId: string | null; subscriptionKnown: boolean }> {
  if (!customerId && !metadataUserId && !subscriptionId) return { userId: null, subscriptionKnown: false };
  const sql = await getSql();
  const [row] = await sql.query<{ linked: string | null; byMetadata: string | null; subscriptionKnown: boolean }>(
    `SELECT (SELECT "userId" FROM "StripeCustomer" WHERE "customerId" = $1::text) AS linked,
            (SELECT "id" FROM "User" WHERE "id" = $2::text) AS "byMetadata",
            EXISTS (SELECT 1 FROM "Subscription" WHERE "id" = $3::text) AS "subscriptionKnown"`,
    [customerId, metadataUserId, subscriptionId],
  );
  const subscriptionKnown = row?.subscriptionKnown ?? false;
  if (row?.linked) return { userId: row.linked, subscriptionKnown };
  if (row?.byMetadata) {
    if (customerId) await linkCustomer(row.byMetadata, customerId);
    return { userId: row.byMetadata, subscriptionKnown };
  }
  return { userId: null, subscriptionKnown };
}

/** Records user ↔ customer when neither side is linked yet (never overwrites an existing link). */
export async function linkCustomer(userId: string, customerId: string): Promise<void> {
  const sql = await getSql();
  await sql.query(`INSERT INTO "StripeCustomer" ("userId", "customerId", "createdAt") VALUES ($1::text, $2::text, ${NOW_UTC}) ON CONFLICT DO NOTHING`, [userId, customerId]);
}

// ---------------------------------------------------------------------------------------------
// subscriptions

const PATRON_STATUSES = new Set(['active', 'trialing']);

function diff(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  if (!before) return Object.keys(after);
  const changed: string[] = [];
  for (const [k, v] of Object.entries(after)) {
    const b = before[k];
    const same = v instanceof Date && b instanceof Date ? v.getTime() === b.getTime() : v === b;
    if (!same) changed.push(k);
  }
  return changed;
}

function intervalOf(price: Stripe.Price): 'MONTH' | 'YEAR' {
  const i = price.recurring?.interval;
  if (i === 'month') return 'MONTH';
  if (i === 'year') return 'YEAR';
  throw new Error(`Price ${price.id} has interval "${i ?? 'none'}"; only monthly and yearly prices are supported`);
}

/**
 * Writes one subscription and returns the row as it was before (for the change list) plus the tier it
 * resolved, in one statement. The tier: the price's TierPrice, else the tier named in the
 * subscription's metadata, else the tier of the price's product.
 */
const UPSERT_SUBSCRIPTION_SQL = `
  WITH before AS (
    SELECT * FROM "Subscription" WHERE "id" = $1::text
  ), tier AS (
    SELECT COALESCE(
      (SELECT "tierId" FROM "TierPrice" WHERE "stripePriceId" = $5::text),
      (SELECT "id" FROM "Tier" WHERE "id" = $18::text),
      (SELECT "id" FROM "Tier" WHERE "stripeProductId" = $19::text)
    ) AS "id"
  ), saved AS (
    INSERT INTO "Subscription" ("id", "userId", "customerId", "status", "tierId", "stripePriceId", "currency", "interval", "amount",
      "currentPeriodStart", "currentPeriodEnd", "cancelAtPeriodEnd", "canceledAt", "endedAt", "trialEnd", "pastDueSince", "startedAt", "syncedAt")
    SELECT $1::text, $2::text, $3::text, $4::text, tier."id", $5::text, $6::text, $7::"BillingInterval", $8::int,
      ${utcParam('$9')}, ${utcParam('$10')}, $11::boolean, ${utcParam('$12')}, ${utcParam('$13')}, ${utcParam('$14')}, ${utcParam('$15')}, ${utcParam('$16')}, ${utcParam('$17')}
    FROM tier
    ON CONFLICT ("id") DO UPDATE SET
      "userId" = EXCLUDED."userId", "customerId" = EXCLUDED."customerId", "status" = EXCLUDED."status", "tierId" = EXCLUDED."tierId",
      "stripePriceId" = EXCLUDED."stripePriceId", "currency" = EXCLUDED."currency", "interval" = EXCLUDED."interval", "amount" = EXCLUDED."amount",
      "currentPeriodStart" = EXCLUDED."currentPeriodStart", "currentPeriodEnd" = EXCLUDED."currentPeriodEnd", "cancelAtPeriodEnd" = EXCLUDED."cancelAtPeriodEnd",
      "canceledAt" = EXCLUDED."canceledAt", "endedAt" = EXCLUDED."endedAt", "trialEnd" = EXCLUDED."trialEnd", "pastDueSince" = EXCLUDED."pastDueSince",
      "startedAt" = EXCLUDED."startedAt", "syncedAt" = EXCLUDED."syncedAt"
    RETURNING "tierId"
  )
  SELECT saved."tierId", (SELECT "name" FROM "Tier" WHERE "id" = saved."tierId") AS "tierName", b."id" IS NOT NULL AS existed,
    b."userId", b."customerId", b."status", b."tierId" AS "beforeTierId", b."stripePriceId", b."currency", b."interval"::text AS "interval", b."amount",
    ${asInstant('b."currentPeriodStart"', 'currentPeriodStart')}, ${asInstant('b."currentPeriodEnd"', 'currentPeriodEnd')}, b."cancelAtPeriodEnd",
    ${asInstant('b."canceledAt"', 'canceledAt')}, ${asInstant('b."endedAt"', 'endedAt')}, ${asInstant('b."trialEnd"', 'trialEnd')},
    ${asInstant('b."pastDueSince"', 'pastDueSince')}, ${asInstant('b."startedAt"', 'startedAt')}
  FROM saved LEFT JOIN before b ON true`;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Re-fetches subscription `id` from Stripe and upserts the mirror (plus the emails its state calls for).
 * `fetched`: the subscription as the caller has just fetched it from Stripe (expanded on the checkout
 * session), so it is not fetched twice.
 */
export async function syncSubscription(id: string, opts: SyncOptions & { fetched?: Stripe.Subscription } = {}): Promise<SyncResult> {
  const stripe = getStripe();
  const sql = await getSql();
  const now = opts.now ?? new Date();
  const sub = opts.fetched?.id === id ? opts.fetched : await stripe.subscriptions.retrieve(id);
  const customerId = idOf(sub.customer as string | { id: string });
  const userId = await resolveUserId(customerId, sub.metadata?.userId);
  if (!userId || !customerId) return { id, action: 'skipped', changes: [], reason: `no user for customer ${customerId ?? '(none)'}` };

  const item = sub.items.data[0];
  if (!item) return { id, action: 'skipped', changes: [], reason: 'subscription has no items' };
  const price = item.price;

  let pastDueSince: Date | null = null;
  if (sub.status === 'past_due') {
    // The grace period runs from when it first went past_due, so keep a start we already know.
    const [known] = await sql.query<{ status: string; pastDueSince: Date | null }>(
      `SELECT "status", ${asInstant('"pastDueSince"', 'pastDueSince')} FROM "Subscription" WHERE "id" = $1::text`,
      [id],
    );
    if (known?.status === 'past_due' && known.pastDueSince) pastDueSince = known.pastDueSince;
    else pastDueSince = await pastDueStart(sub, now);
  }

  const fields = {
    userId,
    customerId,
    status: sub.status,
    stripePriceId: price.id,
    currency: sub.currency,
    interval: intervalOf(price),
    amount: (price.unit_amount ?? 0) * (item.quantity ?? 1),
    currentPeriodStart: fromUnix(item.current_period_start),
    currentPeriodEnd: fromUnix(item.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end || (sub.cancel_at != null && sub.cancel_at <= item.current_period_end && sub.status !== 'canceled'),
    canceledAt: fromUnixOrNull(sub.canceled_at),
    endedAt: fromUnixOrNull(sub.ended_at),
    trialEnd: fromUnixOrNull(sub.trial_end),
    pastDueSince,
    startedAt: fromUnix(sub.start_date),
  };
  const [saved] = await sql.query<{ tierId: string | null; tierName: string | null; existed: boolean | null; beforeTierId: string | null } & Record<string, unknown>>(UPSERT_SUBSCRIPTION_SQL, [
    id,
    fields.userId,
    fields.customerId,
    fields.status,
    fields.stripePriceId,
    fields.currency,
    fields.interval,
    fields.amount,
    iso(fields.currentPeriodStart),
    iso(fields.currentPeriodEnd),
    fields.cancelAtPeriodEnd,
    iso(fields.canceledAt),
    iso(fields.endedAt),
    iso(fields.trialEnd),
    iso(fields.pastDueSince),
    iso(fields.startedAt),
    now.toISOString(),
    sub.metadata?.tierId ?? null,
    idOf(price.product as string | { id: string } | null),
  ]);
  if (!saved) throw new Error(`Subscription ${id} was not written`);
  const data = { ...fields, tierId: saved.tierId };
  const before = saved.existed ? { ...saved, tierId: saved.beforeTierId } : null;
  const changes = diff(before, data);
  await recordSubscriptionState({ subscriptionId: id, ...data }, now);

  if (opts.emails ?? true) await subscriptionEmails(sub.id, userId, data, saved.tierName);
  return { id, action: before ? (changes.length ? 'updated' : 'unchanged') : 'created', changes };
}

/** When a subscription went past_due: its latest (unpaid) invoice's first finalization, else now. */
async function pastDueStart(sub: Stripe.Subscription, now: Date): Promise<Date> {
  const invId = idOf(sub.latest_invoice as string | { id: string } | null);
  if (!invId) return now;
  try {
    const inv = await getStripe().invoices.retrieve(invId);
    const t = inv.status_transitions?.finalized_at ?? inv.created;
    return t ? fromUnix(t) : now;
  } catch {
    return now;
  }
}

type SubData = {
  status: string;
  currency: string;
  interval: 'MONTH' | 'YEAR';
  amount: number;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  currentPeriodEnd: Date;
};

async function subscriptionEmails(subId: string, userId: string, s: SubData, tierName: string | null): Promise<void> {
  const site = siteName();
  const base = siteUrl();
  if (PATRON_STATUSES.has(s.status)) {
    await sendBillingEmailOnce({
      kind: BILLING_EMAIL_KINDS.welcome,
      userId,
      reference: subId,
      render: (u) =>
        welcomeEmail({
          siteName: site,
          name: u.name,
          reference: subId,
          tierName: tierName ?? 'member',
          amount: formatMoney(s.amount, s.currency),
          intervalLabel: s.interval === 'YEAR' ? 'a year' : 'a month',
          accountUrl: `${base}/account`,
        }),
    });
    if (s.cancelAtPeriodEnd) {
      const key = `${subId}:cancel:${Math.floor((s.canceledAt ?? s.currentPeriodEnd).getTime() / 1000)}`;
      await sendBillingEmailOnce({
        kind: BILLING_EMAIL_KINDS.cancellationConfirmed,
        userId,
        reference: key,
        render: (u) => cancellationConfirmedEmail({ siteName: site, name: u.name, reference: key, endsAt: s.currentPeriodEnd, accountUrl: `${base}/account` }),
      });
    }
  } else if (s.status === 'canceled' || s.status === 'unpaid') {
    const key = `${subId}:ended`;
    await sendBillingEmailOnce({
      kind: BILLING_EMAIL_KINDS.membershipEnded,
      userId,
      reference: key,
      render: (u) => membershipEndedEmail({ siteName: site, name: u.name, reference: key, supportUrl: `${base}/support` }),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// invoices and charges

export function subscriptionIdOfInvoice(inv: Stripe.Invoice): string | null {
  const s = inv.parent?.subscription_details?.subscription;
  return idOf(s as string | { id: string } | null | undefined);
}

export type InvoiceSyncOptions = SyncOptions & {
  receipt?: boolean;
  failedNotice?: boolean;
  /** Charges the caller has just fetched from Stripe (e.g. the refunded one): used instead of fetching them again. */
  knownCharges?: Stripe.Charge[];
};

/** The invoice's user and the charges stored with it, for callers that continue from there. */
export type InvoiceSyncResult = SyncResult & { userId: string | null; chargeIds: string[] };

/** Writes one invoice and returns the row as it was before (for the change list), in one statement. */
const UPSERT_INVOICE_SQL = `
  WITH before AS (
    SELECT * FROM "Invoice" WHERE "id" = $1::text
  ), saved AS (
    INSERT INTO "Invoice" ("id", "userId", "subscriptionId", "customerId", "status", "currency", "amountDue", "amountPaid", "amountRefunded",
      "periodStart", "periodEnd", "hostedInvoiceUrl", "paidAt", "createdAt", "syncedAt")
    VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::int, $8::int, $9::int,
      ${utcParam('$10')}, ${utcParam('$11')}, $12::text, ${utcParam('$13')}, ${utcParam('$14')}, ${utcParam('$15')})
    ON CONFLICT ("id") DO UPDATE SET
      "userId" = EXCLUDED."userId", "subscriptionId" = EXCLUDED."subscriptionId", "customerId" = EXCLUDED."customerId", "status" = EXCLUDED."status",
      "currency" = EXCLUDED."currency", "amountDue" = EXCLUDED."amountDue", "amountPaid" = EXCLUDED."amountPaid", "amountRefunded" = EXCLUDED."amountRefunded",
      "periodStart" = EXCLUDED."periodStart", "periodEnd" = EXCLUDED."periodEnd", "hostedInvoiceUrl" = EXCLUDED."hostedInvoiceUrl",
      "paidAt" = EXCLUDED."paidAt", "createdAt" = EXCLUDED."createdAt", "syncedAt" = EXCLUDED."syncedAt"
    RETURNING "id"
  )
  SELECT b."id" IS NOT NULL AS existed, b."userId", b."subscriptionId", b."customerId", b."status", b."currency", b."amountDue", b."amountPaid",
    b."amountRefunded", ${asInstant('b."periodStart"', 'periodStart')}, ${asInstant('b."periodEnd"', 'periodEnd')}, b."hostedInvoiceUrl",
    ${asInstant('b."paidAt"', 'paidAt')}, ${asInstant('b."createdAt"', 'createdAt')}
  FROM saved LEFT JOIN before b ON true`;

/**
 * Re-fetches invoice `id` (and its charges) and upserts Invoice + Payment rows. Makes sure the
 * subscription mirror exists first (events may arrive before customer.subscription.created).
 */
export async function syncInvoice(id: string, opts: InvoiceSyncOptions = {}): Promise<InvoiceSyncResult> {
  const stripe = getStripe();
  const sql = await getSql();
  const now = opts.now ?? new Date();
  const inv = await stripe.invoices.retrieve(id, { expand: ['payments'] });
  const customerId = idOf(inv.customer as string | { id: string } | null);
  if (!customerId) return { id, action: 'skipped', changes: [], reason: 'invoice has no customer', userId: null, chargeIds: [] };
  let subscriptionId = subscriptionIdOfInvoice(inv);
  const { userId, subscriptionKnown } = await lookupCustomer(customerId, inv.parent?.subscription_details?.metadata?.userId ?? inv.metadata?.userId ?? null, subscriptionId);

  if (subscriptionId && !subscriptionKnown) {
    const r = await syncSubscription(subscriptionId, opts);
    if (r.action === 'skipped') subscriptionId = null;
  }

  // Charges paying this invoice (via its payment intents).
  const known = new Map((opts.knownCharges ?? []).map((c) => [c.id, c]));
  const charges: Stripe.Charge[] = [];
  for (const p of inv.payments?.data ?? []) {
    const chargeId = idOf(p.payment.charge as string | { id: string } | undefined);
    const piId = idOf(p.payment.payment_intent as string | { id: string } | undefined);
    if (chargeId) charges.push(known.get(chargeId) ?? (await stripe.charges.retrieve(chargeId)));
    else if (piId) {
      const ofIntent = [...known.values()].filter((c) => idOf(c.payment_intent as string | { id: string } | null) === piId);
      charges.push(...(ofIntent.length ? ofIntent : (await stripe.charges.list({ payment_intent: piId, limit: 100 })).data));
    }
  }
  const seen = new Set<string>();
  const uniqueCharges = charges.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  // Payment has no foreign key to Invoice, so each charge is stored already linked to this invoice.
  for (const c of uniqueCharges) await upsertCharge(c, { userId, invoiceId: id });

  const line = inv.lines?.data?.[0];
  const data = {
    userId,
    subscriptionId,
    customerId,
    status: inv.status ?? 'draft',
    currency: inv.currency,
    amountDue: inv.amount_due,
    amountPaid: inv.amount_paid,
    amountRefunded: uniqueCharges.reduce((n, c) => n + c.amount_refunded, 0),
    periodStart: line?.period ? fromUnix(line.period.start) : fromUnixOrNull(inv.period_start),
    periodEnd: line?.period ? fromUnix(line.period.end) : fromUnixOrNull(inv.period_end),
    hostedInvoiceUrl: inv.hosted_invoice_url ?? null,
    paidAt: fromUnixOrNull(inv.status_transitions?.paid_at),
    createdAt: fromUnix(inv.created),
  };
  const [saved] = await sql.query<{ existed: boolean } & Record<string, unknown>>(UPSERT_INVOICE_SQL, [
    id,
    data.userId,
    data.subscriptionId,
    data.customerId,
    data.status,
    data.currency,
    data.amountDue,
    data.amountPaid,
    data.amountRefunded,
    iso(data.periodStart),
    iso(data.periodEnd),
    data.hostedInvoiceUrl,
    iso(data.paidAt),
    iso(data.createdAt),
    now.toISOString(),
  ]);
  const before = saved?.existed ? saved : null;
  const changes = diff(before, data);

  if (userId && (opts.emails ?? true)) {
    const site = siteName();
    if (opts.receipt && data.status === 'paid' && data.amountPaid > 0 && inv.billing_reason !== 'subscription_create') {
      // The first payment is covered by the welcome email; renewals get a receipt.
      const url = data.hostedInvoiceUrl ?? `${siteUrl()}/account`;
      await sendBillingEmailOnce({
        kind: BILLING_EMAIL_KINDS.receipt,
        userId,
        reference: id,
        render: (u) => paymentReceiptEmail({ siteName: site, name: u.name, reference: id, amount: formatMoney(data.amountPaid, data.currency), paidOn: data.paidAt ?? now, receiptUrl: url }),
      });
    }
    if (opts.failedNotice && data.status === 'open') {
      const db = await getDb();
      const sub = subscriptionId ? await db.subscription.findUnique({ where: { id: subscriptionId } }) : null;
      const graceEndsAt = sub ? (statusOfOne(sub, now, graceDays()).graceEndsAt ?? null) : null;
      await sendBillingEmailOnce({
        kind: BILLING_EMAIL_KINDS.paymentFailed,
        userId,
        reference: id,
        render: (u) =>
          paymentFailedEmail({ siteName: site, name: u.name, reference: id, amount: formatMoney(data.amountDue, data.currency), updateCardUrl: `${siteUrl()}/account`, graceEndsAt }),
      });
    }
  }
  return { id, action: before ? (changes.length ? 'updated' : 'unchanged') : 'created', changes, userId, chargeIds: uniqueCharges.map((c) => c.id) };
}

const UPSERT_PAYMENT_SQL = `
  INSERT INTO "Payment" ("id", "userId", "customerId", "invoiceId", "checkoutSessionId", "amount", "amountRefunded", "currency", "status", "createdAt", "syncedAt")
  VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::int, $7::int, $8::text, $9::text, ${utcParam('$10')}, ${NOW_UTC})
  ON CONFLICT ("id") DO UPDATE SET
    "userId" = EXCLUDED."userId", "customerId" = EXCLUDED."customerId", "amount" = EXCLUDED."amount", "amountRefunded" = EXCLUDED."amountRefunded",
    "currency" = EXCLUDED."currency", "status" = EXCLUDED."status", "createdAt" = EXCLUDED."createdAt",
    "invoiceId" = COALESCE(EXCLUDED."invoiceId", "Payment"."invoiceId"),
    "checkoutSessionId" = COALESCE(EXCLUDED."checkoutSessionId", "Payment"."checkoutSessionId")`;

/** The Payment columns a charge determines. */
function paymentFields(c: Stripe.Charge) {
  return {
    customerId: idOf(c.customer as string | { id: string } | null),
    amount: c.amount,
    amountRefunded: c.amount_refunded,
    currency: c.currency,
    status: c.refunded ? 'refunded' : c.amount_refunded > 0 ? 'partially_refunded' : c.status,
    createdAt: fromUnix(c.created),
  };
}

/** Upserts one charge as a Payment. Existing links (invoice, checkout session) are kept unless new ones are given. */
export async function upsertCharge(
  c: Stripe.Charge,
  links: { userId?: string | null; invoiceId?: string | null; checkoutSessionId?: string | null } = {},
): Promise<void> {
  const sql = await getSql();
  const f = paymentFields(c);
  const userId = links.userId ?? (await resolveUserId(f.customerId, c.metadata?.userId));
  await sql.query(UPSERT_PAYMENT_SQL, [c.id, userId, f.customerId, links.invoiceId ?? null, links.checkoutSessionId ?? null, f.amount, f.amountRefunded, f.currency, f.status, f.createdAt.toISOString()]);
  await recordPaymentState({ id: c.id, amountRefunded: c.amount_refunded, refundedAt: latestRefundAt(c) }, new Date());
}

/** When the charge was last refunded, if Stripe sent its refunds (they are expandable on a charge). */
function latestRefundAt(c: Stripe.Charge): Date | null {
  const times = (c.refunds?.data ?? []).map((r) => r.created);
  return times.length ? fromUnix(Math.max(...times)) : null;
}

/**
 * Re-fetches a charge (e.g. after a refund) and updates its Payment and the invoice it paid. The charge
 * is fetched and written once: the invoice sync reuses it instead of fetching it again.
 */
export async function syncCharge(id: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const stripe = getStripe();
  const sql = await getSql();
  const c = await stripe.charges.retrieve(id, { expand: ['refunds'] });
  const [before] = await sql.query<Record<string, unknown> & { invoiceId: string | null }>(
    `SELECT "customerId", "invoiceId", "amount", "amountRefunded", "currency", "status", ${asInstant('"createdAt"', 'createdAt')} FROM "Payment" WHERE "id" = $1::text`,
    [id],
  );
  let invoiceId = before?.invoiceId ?? null;
  const piId = idOf(c.payment_intent as string | { id: string } | null);
  if (!invoiceId && piId) {
    const list = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: piId }, limit: 100 });
    const match = list.data.find((p) => idOf(p.payment.payment_intent as string | { id: string } | undefined) === piId);
    invoiceId = match ? idOf(match.invoice as string | { id: string }) : null;
  }
  const stored = invoiceId ? (await syncInvoice(invoiceId, { ...opts, emails: false, knownCharges: [c] })).chargeIds.includes(id) : false;
  if (!stored) await upsertCharge(c);
  const changes = diff(before ?? null, { ...paymentFields(c), invoiceId: stored ? invoiceId : (before?.invoiceId ?? null) });
  return { id, action: before ? (changes.length ? 'updated' : 'unchanged') : 'created', changes };
}

// ---------------------------------------------------------------------------------------------
// checkout sessions

/** Re-fetches a Checkout Session; completes our Checkout row, links customer + subscription, records one-off charges. */
export async function syncCheckoutSession(id: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const stripe = getStripe();
  const sql = await getSql();
  const now = opts.now ?? new Date();
  // The subscription comes expanded: the same re-fetch, one request instead of two.
  const s = await stripe.checkout.sessions.retrieve(id, { expand: ['subscription'] });
  const customerId = idOf(s.customer as string | { id: string } | null);
  const metaUserId = s.metadata?.userId ?? s.client_reference_id ?? null;
  const subscriptionId = idOf(s.subscription as string | { id: string } | null);
  const fetchedSubscription = s.subscription && typeof s.subscription === 'object' ? s.subscription : undefined;
  const status = s.status === 'complete' ? 'COMPLETED' : s.status === 'expired' ? 'EXPIRED' : 'OPEN';
  // The usual case, a session we recorded at startCheckout, in one statement: read it as it was, link
  // its user to the customer, and move it to Stripe's status.
  const [before] = await sql.query<{ userId: string; status: string }>(
    `WITH before AS (
       SELECT "userId", "status"::text AS "status" FROM "Checkout" WHERE "id" = $1::text
     ), link AS (
       INSERT INTO "StripeCustomer" ("userId", "customerId", "createdAt")
       SELECT "userId", $2::text, ${NOW_UTC} FROM before WHERE $2::text IS NOT NULL
       ON CONFLICT DO NOTHING
     ), moved AS (
       UPDATE "Checkout" SET "status" = $3::"CheckoutStatus", "subscriptionId" = COALESCE($4::text, "subscriptionId"),
         "completedAt" = CASE WHEN $3::text = 'COMPLETED' THEN COALESCE("completedAt", ${utcParam('$5')}) ELSE "completedAt" END
       WHERE "id" = $1::text AND ("status" <> $3::"CheckoutStatus" OR ($4::text IS NOT NULL AND "subscriptionId" IS DISTINCT FROM $4::text))
     )
     SELECT "userId", "status" FROM before`,
    [id, customerId, status, subscriptionId, now.toISOString()],
  );
  const userId = before?.userId ?? (await resolveUserId(customerId, metaUserId));
  if (!userId) return { id, action: 'skipped', changes: [], reason: 'no user for this checkout session' };

  if (!before) {
    const db = await getDb();
    if (customerId) await linkCustomer(userId, customerId);
    // A session we didn't record (created before a crash, or elsewhere): keep what Stripe knows.
    const tierId = s.metadata?.tierId ? ((await db.tier.findUnique({ where: { id: s.metadata.tierId }, select: { id: true } }))?.id ?? null) : null;
    await db.checkout.createMany({
      data: [
        {
          id,
          userId,
          mode: s.mode,
          tierId,
          currency: s.currency ?? 'usd',
          interval: s.metadata?.interval === 'YEAR' ? 'YEAR' : s.metadata?.interval === 'MONTH' ? 'MONTH' : null,
          amount: s.amount_total ?? 0,
          fromArticle: s.metadata?.from || null,
          placement: s.metadata?.placement || null,
          fromRound: s.metadata?.round || null,
          status,
          subscriptionId,
          completedAt: status === 'COMPLETED' ? now : null,
        },
      ],
      skipDuplicates: true,
    });
  }

  if (status === 'COMPLETED') {
    if (subscriptionId) await syncSubscription(subscriptionId, { ...opts, fetched: fetchedSubscription });
    const piId = idOf(s.payment_intent as string | { id: string } | null);
    if (s.mode === 'payment' && piId) {
      const charges = await stripe.charges.list({ payment_intent: piId, limit: 100 });
      for (const c of charges.data) await upsertCharge(c, { userId, checkoutSessionId: id });
    }
  }
  return { id, action: before ? (before.status !== status ? 'updated' : 'unchanged') : 'created', changes: before && before.status === status ? [] : ['status'] };
}
