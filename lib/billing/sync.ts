/**
 * The mirror: re-fetch an object from Stripe and upsert our copy. Used by the webhook handlers (so the
 * order in which events arrive never matters: we always store Stripe's current state) and by the
 * reconcile job. Every function here is idempotent.
 */
import { createHash } from 'node:crypto';
import { statusOfOne } from './patron-status';
import type Stripe from 'stripe';
import { getDb, getSql } from '@/lib/db/client';
import type { Sql } from '@/lib/db/sql';
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
import { BILLING_EMAIL_KINDS, membershipEndedReference, sendBillingEmailOnce, type BillingEmailKind } from './emails';
import { formatMoney, graceDays } from './config';
import { recordPaymentState, recordSubscriptionState } from '@/lib/analytics/history';

export type SyncAction = 'created' | 'updated' | 'unchanged' | 'skipped';
export type SyncResult = { id: string; action: SyncAction; changes: string[]; reason?: string };
export type SyncOptions = { emails?: boolean; now?: Date };

// ---------------------------------------------------------------------------------------------
// the raw-SQL path, prepared

/**
 * How many distinct statement texts get a prepared statement (the subscription history builds its
 * rollup statement from the deltas at hand, so texts are not all constants): past this, statements
 * run unnamed. It bounds the prepared statements each pooled connection holds.
 */
const MAX_PREPARED_STATEMENTS = 64;
const preparedNames = new Map<string, string>();
const preparedOf = new WeakMap<Sql, Sql>();

function preparedName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED_STATEMENTS) {
    name = `billing_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/**
 * The raw-SQL path (getSql) with every statement prepared once per connection: a named statement,
 * named after its text, is parsed and planned once per pooled connection instead of per call. The
 * webhook path runs a handful of fixed statements thousands of times, and PostgreSQL spent more CPU
 * parsing and planning them than executing them (the record-and-claim statement: 0.69 ms of backend
 * CPU unnamed, 0.28 ms prepared). On PGlite names are ignored.
 */
export async function billingSql(): Promise<Sql> {
  const sql = await getSql();
  let prepared = preparedOf.get(sql);
  if (!prepared) {
    prepared = {
      query: <Row extends Record<string, unknown>>(text: string, params?: unknown[], opts?: { name?: string }) =>
        sql.query<Row>(text, params, opts?.name ? opts : { name: preparedName(text) }),
      script: (text: string) => sql.script(text),
    };
    preparedOf.set(sql, prepared);
  }
  return prepared;
}

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
  const sql = await billingSql();
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
  const sql = await billingSql();
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
 * resolved, in one statement. The user: the customer's StripeCustomer link, else the user named in the
 * subscription's metadata (then linked to the customer, never overwriting a link); with neither,
 * nothing is written and "userId" is null. The tier: the price's TierPrice, else the tier named in
 * the subscription's metadata, else the tier of the price's product. "sent1"/"sent2": whether the
 * emails with dedupe keys $20/$21 exist already (the emails this state calls for), so a replayed or
 * repeated sync does not read them again one by one.
 */
const UPSERT_SUBSCRIPTION_SQL = `
  WITH linked AS (
    SELECT "userId" FROM "StripeCustomer" WHERE "customerId" = $3::text
  ), who AS (
    SELECT COALESCE((SELECT "userId" FROM linked), (SELECT "id" FROM "User" WHERE "id" = $2::text)) AS "userId"
  ), link AS (
    INSERT INTO "StripeCustomer" ("userId", "customerId", "createdAt")
    SELECT who."userId", $3::text, ${NOW_UTC} FROM who WHERE who."userId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM linked)
    ON CONFLICT DO NOTHING
  ), before AS (
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
    SELECT $1::text, who."userId", $3::text, $4::text, tier."id", $5::text, $6::text, $7::"BillingInterval", $8::int,
      ${utcParam('$9')}, ${utcParam('$10')}, $11::boolean, ${utcParam('$12')}, ${utcParam('$13')}, ${utcParam('$14')}, ${utcParam('$15')}, ${utcParam('$16')}, ${utcParam('$17')}
    FROM tier, who WHERE who."userId" IS NOT NULL
    ON CONFLICT ("id") DO UPDATE SET
      "userId" = EXCLUDED."userId", "customerId" = EXCLUDED."customerId", "status" = EXCLUDED."status", "tierId" = EXCLUDED."tierId",
      "stripePriceId" = EXCLUDED."stripePriceId", "currency" = EXCLUDED."currency", "interval" = EXCLUDED."interval", "amount" = EXCLUDED."amount",
      "currentPeriodStart" = EXCLUDED."currentPeriodStart", "currentPeriodEnd" = EXCLUDED."currentPeriodEnd", "cancelAtPeriodEnd" = EXCLUDED."cancelAtPeriodEnd",
      "canceledAt" = EXCLUDED."canceledAt", "endedAt" = EXCLUDED."endedAt", "trialEnd" = EXCLUDED."trialEnd", "pastDueSince" = EXCLUDED."pastDueSince",
      "startedAt" = EXCLUDED."startedAt", "syncedAt" = EXCLUDED."syncedAt"
    RETURNING "tierId"
  )
  SELECT who."userId" AS "resolvedUserId", saved."tierId", (SELECT "name" FROM "Tier" WHERE "id" = saved."tierId") AS "tierName", b."id" IS NOT NULL AS existed,
    b."userId", b."customerId", b."status", b."tierId" AS "beforeTierId", b."stripePriceId", b."currency", b."interval"::text AS "interval", b."amount",
    ${asInstant('b."currentPeriodStart"', 'currentPeriodStart')}, ${asInstant('b."currentPeriodEnd"', 'currentPeriodEnd')}, b."cancelAtPeriodEnd",
    ${asInstant('b."canceledAt"', 'canceledAt')}, ${asInstant('b."endedAt"', 'endedAt')}, ${asInstant('b."trialEnd"', 'trialEnd')},
    ${asInstant('b."pastDueSince"', 'pastDueSince')}, ${asInstant('b."startedAt"', 'startedAt')},
    EXISTS (SELECT 1 FROM "Email" WHERE "dedupeKey" = $20::text) AS "sent1", EXISTS (SELECT 1 FROM "Email" WHERE "dedupeKey" = $21::text) AS "sent2"
  FROM who LEFT JOIN saved ON true LEFT JOIN before b ON true`;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export type SubscriptionSyncOptions = SyncOptions & {
  /** The subscription as the caller has just fetched it from Stripe (expanded on a checkout session). */
  fetched?: Stripe.Subscription;
  /** When that fetch started (`fetchClock()` before the request). Without it the copy is not used. */
  fetchedAt?: number;
};

/** A monotonic clock for ordering Stripe fetches (ms). */
export const fetchClock = (): number => performance.now();

/**
 * One sync of a subscription at a time in this process, and concurrent requests share a sync:
 *  - syncs of one id run one after the other, so the mirror ends with the state of the latest fetch
 *    (two overlapping syncs could otherwise write their fetches in the wrong order);
 *  - a request that arrives while a sync of the id is running waits for the NEXT sync, which starts
 *    (and fetches from Stripe) after that one, and every request arriving before it starts shares it:
 *    a fetch that started before a request arrived is never reused for it, so a webhook always
 *    stores a state at least as new as its event;
 *  - a caller that already holds a copy fetched at `fetchedAt` (the checkout session's expanded
 *    subscription) shares a running sync whose fetch started at or after `fetchedAt`, and otherwise
 *    writes its copy only if no sync of the id fetched after it.
 * The webhook route sees this often: a subscription's checkout, created, updated and invoice events
 * arrive together, and about half of the syncs in the webhook bench overlapped another of the same id.
 */
type QueuedSync = { opts: SubscriptionSyncOptions; promise: Promise<SyncResult>; fetchAt?: number };
type SubscriptionLane = { tail: Promise<unknown>; waiting: QueuedSync | null; running: QueuedSync | null; active: number };
const syncState = ((globalThis as { __patronageSubscriptionSyncs?: { lanes: Map<string, SubscriptionLane>; fetches: Map<string, number> } }).__patronageSubscriptionSyncs ??= {
  lanes: new Map(),
  fetches: new Map(),
});

/** How long a pre-fetched subscription stays usable; the last fetch of an id is remembered twice as long. */
const FETCHED_MAX_AGE_MS = 30_000;

/** Records that a fetch of subscription `id` started at `at` (fetchClock). */
function markFetch(id: string, at: number): void {
  const { fetches } = syncState;
  const known = fetches.get(id);
  if (known !== undefined && known >= at) return;
  fetches.delete(id);
  fetches.set(id, at);
  // Insertion order is roughly fetch order: forget the fetches too old to matter.
  const now = fetchClock();
  for (const [key, when] of fetches) {
    if (now - when <= 2 * FETCHED_MAX_AGE_MS) break;
    fetches.delete(key);
  }
}

/** Effects beyond the mirror row (emails, the time written) must match for two requests to share one sync. */
function sameEffects(a: SubscriptionSyncOptions, b: SubscriptionSyncOptions): boolean {
  return (a.emails ?? true) === (b.emails ?? true) && a.now === undefined && b.now === undefined;
}

/**
 * Re-fetches subscription `id` from Stripe and upserts the mirror (plus the emails its state calls for).
 * `fetched` + `fetchedAt`: the subscription as the caller has just fetched it from Stripe (expanded on
 * the checkout session). A running sync whose fetch started after `fetchedAt` is shared instead; the
 * copy is written only when no other sync of this id is running or queued and none fetched after
 * `fetchedAt` (its state could be older than theirs), else the subscription is fetched again.
 */
export function syncSubscription(id: string, opts: SubscriptionSyncOptions = {}): Promise<SyncResult> {
  const { lanes, fetches } = syncState;
  let lane = lanes.get(id);
  if (!lane) lanes.set(id, (lane = { tail: Promise.resolve(), waiting: null, running: null, active: 0 }));
  const current = lane;
  if (current.waiting && sameEffects(current.waiting.opts, opts)) return current.waiting.promise;
  // A caller holding a copy fetched at `fetchedAt` needs a state at least that new: a running sync
  // whose fetch started no earlier gives one (the checkout's copy, when the subscription's own event
  // is being handled at the same time).
  const running = current.running;
  if (opts.fetchedAt !== undefined && running?.fetchAt !== undefined && running.fetchAt >= opts.fetchedAt && sameEffects(running.opts, opts)) return running.promise;

  const ownFetch =
    opts.fetched?.id === id &&
    opts.fetchedAt !== undefined &&
    current.active === 0 &&
    fetchClock() - opts.fetchedAt <= FETCHED_MAX_AGE_MS &&
    (fetches.get(id) ?? -Infinity) < opts.fetchedAt
      ? opts.fetched
      : undefined;
  const queued = { opts } as QueuedSync;
  current.active++;
  queued.promise = current.tail
    .then(() => {
      // Started: requests from now on wait for the next sync.
      if (current.waiting === queued) current.waiting = null;
      current.running = queued;
      return syncSubscriptionNow(id, { ...opts, fetched: ownFetch }, (at) => (queued.fetchAt = at));
    })
    .finally(() => {
      if (current.running === queued) current.running = null;
      if (--current.active === 0 && lanes.get(id) === current) lanes.delete(id);
    });
  current.tail = queued.promise.catch(() => undefined);
  // A sync that fetches when it starts can be shared by requests arriving until then.
  if (!ownFetch) current.waiting = queued;
  return queued.promise;
}

/** `onFetch`: told when the state written was fetched (fetchClock). */
async function syncSubscriptionNow(id: string, opts: SubscriptionSyncOptions, onFetch: (at: number) => void): Promise<SyncResult> {
  const stripe = getStripe();
  const sql = await billingSql();
  const now = opts.now ?? new Date();
  let sub = opts.fetched;
  const fetchAt = sub ? (opts.fetchedAt ?? fetchClock()) : fetchClock();
  markFetch(id, fetchAt);
  onFetch(fetchAt);
  sub ??= await stripe.subscriptions.retrieve(id);
  const customerId = idOf(sub.customer as string | { id: string });
  const metadataUserId = sub.metadata?.userId ?? null;
  const noUser = (): SyncResult => ({ id, action: 'skipped', changes: [], reason: `no user for customer ${customerId ?? '(none)'}` });
  if (!customerId) return noUser();

  const item = sub.items.data[0];
  if (!item) {
    if (!(await resolveUserId(customerId, metadataUserId))) return noUser();
    return { id, action: 'skipped', changes: [], reason: 'subscription has no items' };
  }
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
  const emails = subscriptionEmailsFor(id, fields);
  const [saved] = await sql.query<
    { resolvedUserId: string | null; tierId: string | null; tierName: string | null; existed: boolean | null; beforeTierId: string | null; sent1: boolean; sent2: boolean } & Record<string, unknown>
  >(UPSERT_SUBSCRIPTION_SQL, [
    id,
    metadataUserId,
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
    emails[0] ? emailDedupeKey(emails[0].kind, emails[0].reference) : null,
    emails[1] ? emailDedupeKey(emails[1].kind, emails[1].reference) : null,
  ]);
  if (!saved) throw new Error(`Subscription ${id} was not written`);
  const userId = saved.resolvedUserId;
  if (!userId) return noUser();
  const data = { userId, ...fields, tierId: saved.tierId };
  const before = saved.existed ? { ...saved, tierId: saved.beforeTierId } : null;
  const changes = diff(before, data);
  await recordSubscriptionState({ subscriptionId: id, ...data }, now, sql);

  if (opts.emails ?? true) {
    const alreadySent = [saved.sent1, saved.sent2];
    for (const [i, email] of emails.entries()) if (!alreadySent[i]) await sendSubscriptionEmail(email, userId, data, saved.tierName);
  }
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

type SubscriptionEmail = { kind: BillingEmailKind; subId: string; reference: string };

/** The emails a subscription's state calls for (each is sent once per reference): at most two. */
function subscriptionEmailsFor(subId: string, s: Pick<SubData, 'status' | 'cancelAtPeriodEnd' | 'canceledAt' | 'currentPeriodEnd'>): SubscriptionEmail[] {
  if (PATRON_STATUSES.has(s.status)) {
    const welcome = { kind: BILLING_EMAIL_KINDS.welcome, subId, reference: subId };
    if (!s.cancelAtPeriodEnd) return [welcome];
    const key = `${subId}:cancel:${Math.floor((s.canceledAt ?? s.currentPeriodEnd).getTime() / 1000)}`;
    return [welcome, { kind: BILLING_EMAIL_KINDS.cancellationConfirmed, subId, reference: key }];
  }
  if (s.status === 'canceled' || s.status === 'unpaid') return [{ kind: BILLING_EMAIL_KINDS.membershipEnded, subId, reference: membershipEndedReference(subId) }];
  return [];
}

/**
 * The Email row's dedupe key, as sendBillingEmailOnce (lib/billing/emails.ts) writes it. Only used to
 * skip emails already sent: if the two ever differed, the email would just be checked the slow way.
 */
const emailDedupeKey = (kind: BillingEmailKind, reference: string): string => `${kind}:${reference}`;

async function sendSubscriptionEmail(email: SubscriptionEmail, userId: string, s: SubData, tierName: string | null): Promise<void> {
  const site = siteName();
  const base = siteUrl();
  const { kind, subId, reference } = email;
  const render =
    kind === BILLING_EMAIL_KINDS.welcome
      ? (u: { name: string | null }) =>
          welcomeEmail({
            siteName: site,
            name: u.name,
            reference: subId,
            tierName: tierName ?? 'member',
            amount: formatMoney(s.amount, s.currency),
            intervalLabel: s.interval === 'YEAR' ? 'a year' : 'a month',
            accountUrl: `${base}/account`,
          })
      : kind === BILLING_EMAIL_KINDS.cancellationConfirmed
        ? (u: { name: string | null }) => cancellationConfirmedEmail({ siteName: site, name: u.name, reference, endsAt: s.currentPeriodEnd, accountUrl: `${base}/account` })
        : (u: { name: string | null }) => membershipEndedEmail({ siteName: site, name: u.name, reference, supportUrl: `${base}/support` });
  await sendBillingEmailOnce({ kind, userId, reference, render });
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
  const sql = await billingSql();
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
  const sql = await billingSql();
  const f = paymentFields(c);
  const userId = links.userId ?? (await resolveUserId(f.customerId, c.metadata?.userId));
  await sql.query(UPSERT_PAYMENT_SQL, [c.id, userId, f.customerId, links.invoiceId ?? null, links.checkoutSessionId ?? null, f.amount, f.amountRefunded, f.currency, f.status, f.createdAt.toISOString()]);
  await recordPaymentState({ id: c.id, amountRefunded: c.amount_refunded, refundedAt: latestRefundAt(c) }, new Date(), sql);
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
  const sql = await billingSql();
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
  const sql = await billingSql();
  const now = opts.now ?? new Date();
  // The subscription comes expanded: the same re-fetch, one request instead of two.
  const fetchedAt = fetchClock();
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
    if (subscriptionId) await syncSubscription(subscriptionId, { ...opts, fetched: fetchedSubscription, fetchedAt });
    const piId = idOf(s.payment_intent as string | { id: string } | null);
    if (s.mode === 'payment' && piId) {
      const charges = await stripe.charges.list({ payment_intent: piId, limit: 100 });
      for (const c of charges.data) await upsertCharge(c, { userId, checkoutSessionId: id });
    }
  }
  return { id, action: before ? (before.status !== status ? 'updated' : 'unchanged') : 'created', changes: before && before.status === status ? [] : ['status'] };
}
