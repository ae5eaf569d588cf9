/**
 * Checkout Sessions: our Checkout row follows Stripe's status, the customer is linked, and what the
 * session paid for is mirrored (its subscription, or a one-off contribution's charges). A session's
 * status only moves forward (open → complete or expired, both final), so the row is ordered by that
 * rule rather than by fetch time: a stale "open" never moves a finished checkout back.
 */
import { getDb, getPreparedSql } from '@/lib/db/client';
import { NOW_UTC, utcParam } from '@/lib/db/sql-time';
import { getStripe } from '../stripe';
import { idOf } from '../ids';
import { linkCustomer, resolveUserId } from './customer';
import { mirrorClock } from './sql';
import { checkoutRowFromSession, checkoutStatus } from './mappers';
import type { SyncOptions, SyncResult } from './types';
import { syncSubscription } from './subscription';
import { upsertCharge } from './charge';
import { syncInvoice } from './invoice';
import { followUpGuestCheckout, picksFromMetadata, resolveGuestCheckout, type ResolvedGuest } from '../pay-first';
import { addPendingPicks, convertPendingVotes } from '@/lib/voting/pending';
import { recordReferral } from '@/lib/referrals/referrals';
import { markContributionPaid, markGiftPaid } from '@/lib/gifts/paid';

type Ref = string | { id: string } | null;

/**
 * The usual case, a session we recorded at startCheckout, in one statement: read it as it was, link its
 * user to the customer, and move it forward to Stripe's status (and record its subscription).
 */
const MOVE_CHECKOUT_SQL = `
  WITH before AS (
    SELECT "userId", "status"::text AS "status" FROM "Checkout" WHERE "id" = $1::text
  ), link AS (
    INSERT INTO "StripeCustomer" ("userId", "customerId", "createdAt")
    SELECT "userId", $2::text, ${NOW_UTC} FROM before WHERE $2::text IS NOT NULL
    ON CONFLICT DO NOTHING
  ), moved AS (
    UPDATE "Checkout" SET
      "status" = CASE WHEN "status" = 'OPEN' THEN $3::"CheckoutStatus" ELSE "status" END,
      "subscriptionId" = COALESCE($4::text, "subscriptionId"),
      "completedAt" = CASE WHEN "status" = 'OPEN' AND $3::text = 'COMPLETED' THEN COALESCE("completedAt", ${utcParam('$5')}) ELSE "completedAt" END
    WHERE "id" = $1::text
      AND (("status" = 'OPEN' AND $3::text <> 'OPEN') OR ($4::text IS NOT NULL AND "subscriptionId" IS DISTINCT FROM $4::text))
  )
  SELECT "userId", "status" FROM before`;

/** Re-fetches a Checkout Session; completes our Checkout row, links customer + subscription, records one-off charges. */
export async function syncCheckoutSession(id: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const stripe = getStripe();
  const sql = await getPreparedSql();
  const now = opts.now ?? new Date();
  // The subscription comes expanded: the same re-fetch, one request instead of two, stamped before it.
  const stamp = opts.stamp ?? (await mirrorClock(sql));
  const s = await stripe.checkout.sessions.retrieve(id, { expand: ['subscription'] });
  const customerId = idOf(s.customer as Ref);
  const metaUserId = s.metadata?.userId ?? s.client_reference_id ?? null;
  const subscriptionId = idOf(s.subscription as Ref);
  const status = checkoutStatus(s);
  const [before] = await sql.query<{ userId: string; status: string }>(MOVE_CHECKOUT_SQL, [
    id,
    customerId,
    status,
    subscriptionId,
    now.toISOString(),
  ]);
  // Pay first (lib/billing/pay-first.ts): a guest checkout's account is found or created from the
  // completed session; the outcome is recorded once and read back on every later delivery.
  const guest: ResolvedGuest | null = s.metadata?.guest === '1' && status === 'COMPLETED' ? await resolveGuestCheckout(s, now) : null;
  const userId = before?.userId ?? guest?.userId ?? (await resolveUserId(customerId, metaUserId));
  if (!userId) return { id, action: 'skipped', changes: [], reason: 'no user for this checkout session' };
  if (guest?.first) await addPendingPicks(guest.userId, picksFromMetadata(s.metadata));

  if (!before) {
    const db = await getDb();
    if (customerId) await linkCustomer(userId, customerId);
    const tierId = s.metadata?.tierId
      ? ((await db.tier.findUnique({ where: { id: s.metadata.tierId }, select: { id: true } }))?.id ?? null)
      : null;
    await db.checkout.createMany({ data: [checkoutRowFromSession(s, userId, tierId, now)], skipDuplicates: true });
  }

  if (status === 'COMPLETED') {
    if (subscriptionId) {
      const prefetched = s.subscription && typeof s.subscription === 'object' ? { object: s.subscription, stamp } : undefined;
      await syncSubscription(subscriptionId, { ...opts, prefetched });
      // A guest's customer was unknown when the invoice's own webhook came: mirror it now that it is linked.
      const invoiceId = idOf(s.invoice as Ref);
      if (guest && invoiceId) await syncInvoice(invoiceId, { now: opts.now });
    }
    const piId = idOf(s.payment_intent as Ref);
    if (s.mode === 'payment' && piId) {
      const charges = await stripe.charges.list({ payment_intent: piId, limit: 100 });
      for (const c of charges.data) await upsertCharge(c, stamp, { userId, checkoutSessionId: id });
    }
    // A gift membership's payment (metadata kind "gift"): the gift is paid, delivered on its date;
    // a pay-it-forward contribution's (kind "pif"): it counts in the pot.
    if (s.mode === 'payment' && s.metadata?.kind === 'gift') await markGiftPaid(s, now);
    if (s.mode === 'payment' && s.metadata?.kind === 'pif') await markContributionPaid(s, now);
  }
  if (guest) {
    await followUpGuestCheckout(s, guest);
    // Picks carried through Checkout become votes once the membership counts (idempotent).
    if (guest.outcome !== 'ALREADY_PATRON') await convertPendingVotes(guest.userId);
  }
  // A membership bought through a patron's personal link (not a refunded double membership).
  if (status === 'COMPLETED' && s.metadata?.ref && guest?.outcome !== 'ALREADY_PATRON') await recordReferral(s, userId);
  const moved = !before || before.status !== status;
  return { id, action: before ? (moved ? 'updated' : 'unchanged') : 'created', changes: moved ? ['status'] : [] };
}
