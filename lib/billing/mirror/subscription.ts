/**
 * Subscriptions: re-fetch from Stripe, write the row only if this fetch is newer than the stored one,
 * append the history when the write won, then send the emails the row as stored calls for.
 */
import { localePath, type Locale } from '@/lib/i18n/locales';
import type Stripe from 'stripe';
import type { OrNull, Sql } from '@/lib/db/sql';
import { asInstant, NOW_UTC, utcParam } from '@/lib/db/sql-time';
import { siteName, siteUrl } from '@/lib/config/site';
import { cancellationConfirmedEmail, membershipEndedEmail, welcomeEmail } from '@/lib/mail/billing-templates';
import { recordSubscriptionState } from '@/lib/analytics/history';
import { enqueue, getQueue } from '@/lib/jobs/queue';
import { turnedCancelled } from '@/lib/retention/portal-cancel';
import { getStripe } from '../stripe';
import { fromUnix, idOf } from '../ids';
import { BILLING_EMAIL_KINDS, sendBillingEmailOnce, type BillingEmailKind } from '../emails';
import { formatMoney, perInterval } from '@/lib/format/money';
import { resolveUserId } from './customer';
import { mirrorClock, newerFetch, type MirrorStamp } from './sql';
import { getPreparedSql } from '@/lib/db/client';
import { coalescing } from './coalesce';
import { diff, subscriptionEmailsFor, subscriptionRow, type SubscriptionEmail, type SubscriptionFields } from './mappers';
import type { Prefetched, SyncOptions, SyncResult } from './types';

export type SubscriptionSyncOptions = SyncOptions & {
  /** The subscription as the caller fetched it (expanded on a checkout session, returned by a cancel), stamped before that fetch. */
  prefetched?: Prefetched<Stripe.Subscription>;
};

const syncs = coalescing<SyncResult>();

/**
 * Re-fetches subscription `id` from Stripe and mirrors it (plus the emails its state calls for).
 * Concurrent requests in this process share syncs (./coalesce.ts). A prefetched copy (the checkout's
 * expanded subscription) shares a sync of this process that stamps after it (queued, or running with
 * a later stamp), and is otherwise written as is, without a request, losing like any other fetch if
 * something newer is stored.
 */
export function syncSubscription(id: string, opts: SubscriptionSyncOptions = {}): Promise<SyncResult> {
  const emails = opts.emails ?? true;
  if (opts.now) return mirrorSubscription(id, opts);
  const key = `${id}:${emails}`;
  const pre = opts.prefetched?.object.id === id ? opts.prefetched : undefined;
  if (pre) {
    const { running, next } = syncs.peek(key);
    if (next) return next;
    if (running?.stamp !== undefined && running.stamp >= pre.stamp) return running.promise;
    return mirrorSubscription(id, opts);
  }
  let now = true; // `run` is called at once when no sync of this id is running, later when queued
  const shared = syncs.run(key, (sync) =>
    mirrorSubscription(id, { emails, stamp: now ? opts.stamp : undefined }, (stamp) => (sync.stamp = stamp)),
  );
  now = false;
  return shared;
}

/** One sync, as every node runs it: stamp, fetch (unless prefetched), conditional write, emails. */
export async function mirrorSubscription(
  id: string,
  opts: SubscriptionSyncOptions = {},
  onStamp?: (stamp: MirrorStamp) => void,
): Promise<SyncResult> {
  const sql = await getPreparedSql();
  const now = opts.now ?? new Date();
  const pre = opts.prefetched?.object.id === id ? opts.prefetched : undefined;
  const stamp = pre?.stamp ?? opts.stamp ?? (await mirrorClock(sql));
  onStamp?.(stamp);
  const sub = pre?.object ?? (await getStripe().subscriptions.retrieve(id));

  const mapped = subscriptionRow(sub);
  const noUser = (customerId: string | null): SyncResult => ({
    id,
    action: 'skipped',
    changes: [],
    reason: `no user for customer ${customerId ?? '(none)'}`,
  });
  if (!mapped.ok) {
    if (mapped.reason === 'no customer' || !(await resolveUserId(mapped.customerId, mapped.metadataUserId)))
      return noUser(mapped.customerId);
    return { id, action: 'skipped', changes: [], reason: 'subscription has no items' };
  }
  const fields = { ...mapped.fields, pastDueSince: await pastDueSince(sql, sub, now) };

  // A cancelled state may queue the retention job inside the write's transaction: start the queue first
  // (starting it runs statements of its own, which on PGlite's one connection would wait for the transaction).
  if (fields.cancelAtPeriodEnd || fields.status === 'canceled') await getQueue();
  const outcome = await sql.transaction((tx) => writeSubscription(tx, id, fields, mapped.links, stamp, now));
  if (!outcome) return noUser(fields.customerId);

  // Emails are chosen from the row as stored, whichever fetch won: each is sent once per reference.
  if (opts.emails ?? true) {
    const stored = outcome.stored;
    for (const email of subscriptionEmailsFor(id, stored))
      if (!outcome.alreadySent.has(emailKey(email))) await sendSubscriptionEmail(email, stored);
  }
  if (!outcome.won) return { id, action: 'unchanged', changes: [], stale: true };
  const changes = diff(outcome.before, { userId: outcome.stored.userId, ...fields, tierId: outcome.stored.tierId });
  return { id, action: outcome.before ? (changes.length ? 'updated' : 'unchanged') : 'created', changes };
}

/**
 * The grace period runs from when it first went past_due, so a start we already know is kept (the
 * write keeps it too, should a concurrent write have stored one meanwhile).
 */
async function pastDueSince(sql: Sql, sub: Stripe.Subscription, now: Date): Promise<Date | null> {
  if (sub.status !== 'past_due') return null;
  const [known] = await sql.query<{ status: string; pastDueSince: Date | null }>(
    `SELECT "status", ${asInstant('"pastDueSince"', 'pastDueSince')} FROM "Subscription" WHERE "id" = $1::text`,
    [sub.id],
  );
  if (known?.status === 'past_due' && known.pastDueSince) return known.pastDueSince;
  return pastDueStart(sub, now);
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

/** The subscription as stored after the write (ours, or the newer one that beat it). */
export type StoredSubscription = SubscriptionFields & {
  id: string;
  userId: string;
  tierId: string | null;
  tierName: string | null;
  pastDueSince: Date | null;
};

type WriteOutcome = { won: boolean; before: Record<string, unknown> | null; stored: StoredSubscription; alreadySent: Set<string> };

/**
 * Writes one subscription, unless the stored row came from a newer fetch, and returns the row as it was
 * before (for the change list) plus the tier it resolved, in one statement. The user: the customer's
 * StripeCustomer link, else the user named in the subscription's metadata (then linked to the
 * customer, never overwriting a link); with neither, nothing is written and "resolvedUserId" is null.
 * The tier: the price's TierPrice, else the tier named in the metadata, else the tier of the price's
 * product. "sent1"/"sent2": whether the emails with dedupe keys $20/$21 exist already (the emails
 * this state calls for), so a replayed sync does not look them up again one by one.
 * The conflict arm locks the row even when its WHERE rejects the write: the row lock orders concurrent
 * writers across nodes, and the history appended in the same transaction follows that order.
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
      "currentPeriodStart", "currentPeriodEnd", "cancelAtPeriodEnd", "canceledAt", "endedAt", "trialEnd", "pastDueSince", "startedAt", "syncedAt", "fetchedAt",
      "pauseBehavior", "pauseResumesAt")
    SELECT $1::text, who."userId", $3::text, $4::text, tier."id", $5::text, $6::text, $7::"BillingInterval", $8::int,
      ${utcParam('$9')}, ${utcParam('$10')}, $11::boolean, ${utcParam('$12')}, ${utcParam('$13')}, ${utcParam('$14')}, ${utcParam('$15')}, ${utcParam('$16')}, ${utcParam('$17')}, $22::timestamptz,
      $23::text, ${utcParam('$24')}
    FROM tier, who WHERE who."userId" IS NOT NULL
    ON CONFLICT ("id") DO UPDATE SET
      "userId" = EXCLUDED."userId", "customerId" = EXCLUDED."customerId", "status" = EXCLUDED."status", "tierId" = EXCLUDED."tierId",
      "stripePriceId" = EXCLUDED."stripePriceId", "currency" = EXCLUDED."currency", "interval" = EXCLUDED."interval", "amount" = EXCLUDED."amount",
      "currentPeriodStart" = EXCLUDED."currentPeriodStart", "currentPeriodEnd" = EXCLUDED."currentPeriodEnd", "cancelAtPeriodEnd" = EXCLUDED."cancelAtPeriodEnd",
      "canceledAt" = EXCLUDED."canceledAt", "endedAt" = EXCLUDED."endedAt", "trialEnd" = EXCLUDED."trialEnd",
      "pastDueSince" = CASE WHEN EXCLUDED."status" = 'past_due' AND "Subscription"."status" = 'past_due' AND "Subscription"."pastDueSince" IS NOT NULL
        THEN "Subscription"."pastDueSince" ELSE EXCLUDED."pastDueSince" END,
      "startedAt" = EXCLUDED."startedAt", "syncedAt" = EXCLUDED."syncedAt", "fetchedAt" = EXCLUDED."fetchedAt",
      "pauseBehavior" = EXCLUDED."pauseBehavior", "pauseResumesAt" = EXCLUDED."pauseResumesAt"
    WHERE ${newerFetch('Subscription', '$22')}
    RETURNING true AS written, "tierId", ${asInstant('"pastDueSince"', 'pastDueSince')}
  )
  SELECT who."userId" AS "resolvedUserId", saved."tierId", saved."pastDueSince" AS "storedPastDueSince", COALESCE(saved.written, false) AS won,
    (SELECT "name" FROM "Tier" WHERE "id" = saved."tierId") AS "tierName", b."id" IS NOT NULL AS existed,
    b."userId", b."customerId", b."status", b."tierId" AS "beforeTierId", b."stripePriceId", b."currency", b."interval"::text AS "interval", b."amount",
    ${asInstant('b."currentPeriodStart"', 'currentPeriodStart')}, ${asInstant('b."currentPeriodEnd"', 'currentPeriodEnd')}, b."cancelAtPeriodEnd",
    ${asInstant('b."canceledAt"', 'canceledAt')}, ${asInstant('b."endedAt"', 'endedAt')}, ${asInstant('b."trialEnd"', 'trialEnd')},
    ${asInstant('b."pastDueSince"', 'pastDueSince')}, ${asInstant('b."startedAt"', 'startedAt')},
    b."pauseBehavior", ${asInstant('b."pauseResumesAt"', 'pauseResumesAt')},
    EXISTS (SELECT 1 FROM "Email" WHERE "dedupeKey" = $20::text) AS "sent1", EXISTS (SELECT 1 FROM "Email" WHERE "dedupeKey" = $21::text) AS "sent2"
  FROM who LEFT JOIN saved ON true LEFT JOIN before b ON true`;

/** The row as stored now (read in the writer's transaction, after its conflict arm locked the row). */
const STORED_SUBSCRIPTION_SQL = `
  SELECT s."id", s."userId", s."customerId", s."status", s."tierId", t."name" AS "tierName", s."stripePriceId", s."currency", s."interval"::text AS "interval", s."amount",
    ${asInstant('s."currentPeriodStart"', 'currentPeriodStart')}, ${asInstant('s."currentPeriodEnd"', 'currentPeriodEnd')}, s."cancelAtPeriodEnd",
    ${asInstant('s."canceledAt"', 'canceledAt')}, ${asInstant('s."endedAt"', 'endedAt')}, ${asInstant('s."trialEnd"', 'trialEnd')},
    ${asInstant('s."pastDueSince"', 'pastDueSince')}, ${asInstant('s."startedAt"', 'startedAt')},
    s."pauseBehavior", ${asInstant('s."pauseResumesAt"', 'pauseResumesAt')}
  FROM "Subscription" s LEFT JOIN "Tier" t ON t."id" = s."tierId" WHERE s."id" = $1::text`;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * The Email row's dedupe key, as sendBillingEmailOnce (lib/billing/emails.ts) writes it. Only used to
 * skip emails already sent: if the two ever differed, the email would just be checked the slow way.
 */
const emailKey = (e: { kind: BillingEmailKind; reference: string }): string => `${e.kind}:${e.reference}`;

async function writeSubscription(
  tx: Sql,
  id: string,
  fields: SubscriptionFields & { pastDueSince: Date | null },
  links: { metadataUserId: string | null; metadataTierId: string | null; productId: string | null },
  stamp: MirrorStamp,
  now: Date,
): Promise<WriteOutcome | null> {
  // The emails this state would call for, checked in the same statement (they apply when the write wins).
  const emails = subscriptionEmailsFor(id, fields);
  const [saved] = await tx.query<
    {
      resolvedUserId: string | null;
      won: boolean;
      tierId: string | null;
      tierName: string | null;
      storedPastDueSince: Date | null;
      existed: boolean | null;
      beforeTierId: string | null;
      sent1: boolean;
      sent2: boolean;
    } & OrNull<SubscriptionFields & { userId: string; pastDueSince: Date | null }>
  >(UPSERT_SUBSCRIPTION_SQL, [
    id,
    links.metadataUserId,
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
    links.metadataTierId,
    links.productId,
    emails[0] ? emailKey(emails[0]) : null,
    emails[1] ? emailKey(emails[1]) : null,
    stamp,
    fields.pauseBehavior,
    iso(fields.pauseResumesAt),
  ]);
  if (!saved) throw new Error(`Subscription ${id} was not written`);
  const userId = saved.resolvedUserId;
  if (!userId) return null;
  const before = saved.existed ? { ...saved, tierId: saved.beforeTierId } : null;
  if (!saved.won) {
    const [row] = await tx.query<StoredSubscription>(STORED_SUBSCRIPTION_SQL, [id]);
    if (!row) throw new Error(`Subscription ${id} lost its write to a row that is gone`);
    return { won: false, before, stored: row, alreadySent: new Set() };
  }
  const stored: StoredSubscription = {
    id,
    userId,
    ...fields,
    pastDueSince: saved.storedPastDueSince,
    tierId: saved.tierId,
    tierName: saved.tierName,
  };
  // History in the writer's transaction: the row lock orders it like the writes, so it ends with the stored state.
  // A paused collection (pause offer) is recorded as status "paused": not a patron, no MRR, until Stripe resumes it.
  await recordSubscriptionState({ subscriptionId: id, ...stored, status: historyStatus(stored, now) }, now, tx);
  // Turned cancelled by this write (in the app or in Stripe's portal): the retention record and its win-back, once
  // (lib/retention/portal-cancel.ts). Only the writer that won sees the turn; the job commits with the write.
  if (turnedCancelled(saved.existed ? { status: String(saved.status), cancelAtPeriodEnd: Boolean(saved.cancelAtPeriodEnd) } : null, stored))
    await enqueue(
      'retention.cancellation',
      { subscriptionId: id },
      { tx: { $queryRawUnsafe: (q: string, ...v: unknown[]) => tx.query(q, v) as never } },
    );
  const alreadySent = new Set(emails.filter((_, i) => (i === 0 ? saved.sent1 : saved.sent2)).map(emailKey));
  return { won: true, before, stored, alreadySent };
}

type Recipient = { name: string | null; locale: Locale };

async function sendSubscriptionEmail(email: SubscriptionEmail, s: StoredSubscription): Promise<void> {
  const site = siteName();
  const base = siteUrl();
  const { kind, subId, reference } = email;
  const render =
    kind === BILLING_EMAIL_KINDS.welcome
      ? (u: Recipient) =>
          welcomeEmail({
            siteName: site,
            name: u.name,
            reference: subId,
            tierName: s.tierName ?? 'member',
            amount: formatMoney(s.amount, s.currency, { locale: u.locale }),
            intervalLabel: perInterval(s.interval, u.locale),
            accountUrl: `${base}${localePath(u.locale, '/account')}`,
            locale: u.locale,
          })
      : kind === BILLING_EMAIL_KINDS.cancellationConfirmed
        ? (u: Recipient) =>
            cancellationConfirmedEmail({
              siteName: site,
              name: u.name,
              reference,
              endsAt: s.currentPeriodEnd,
              accountUrl: `${base}${localePath(u.locale, '/account')}`,
              locale: u.locale,
            })
        : (u: Recipient) =>
            membershipEndedEmail({
              siteName: site,
              name: u.name,
              reference,
              supportUrl: `${base}${localePath(u.locale, '/support')}`,
              locale: u.locale,
            });
  await sendBillingEmailOnce({ kind, userId: s.userId, reference, render });
}

/** The status the history records: Stripe's, or "paused" while collection is paused (see patronStatus). */
export function historyStatus(s: Pick<StoredSubscription, 'status' | 'pauseBehavior' | 'pauseResumesAt'>, now: Date): string {
  const pausable = s.status === 'active' || s.status === 'trialing' || s.status === 'past_due';
  return pausable && s.pauseBehavior && (!s.pauseResumesAt || now < s.pauseResumesAt) ? 'paused' : s.status;
}
