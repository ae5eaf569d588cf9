/**
 * Cancellations made outside the app (issue #15): in Stripe's customer portal, or by staff in Stripe's
 * dashboard. The billing mirror queues one `retention.cancellation` job, in its write's transaction,
 * when a subscription's stored state turns cancelled (cancel_at_period_end set, or status canceled):
 * the history's row lock lets one writer see that turn, so it is queued once per cancellation. The job
 * records a CancellationRequest (via "portal", the reason from Stripe's cancellation_details) unless the
 * app already recorded this cancellation, so the win-back job (./winback.ts) writes to these former
 * patrons too, once. Subscriptions Stripe ended for failed or disputed payments are no cancellation.
 */
import type Stripe from 'stripe';
import { getDb } from '@/lib/db/client';
import { getStripe } from '@/lib/billing/stripe';
import { CANCEL_REASONS, type CancelReason } from './reasons';

/** Did this write turn the subscription cancelled (pure)? `before` is null for a subscription seen first. */
export function turnedCancelled(
  before: { status: string; cancelAtPeriodEnd: boolean } | null,
  after: { status: string; cancelAtPeriodEnd: boolean },
): boolean {
  const cancelled = (s: { status: string; cancelAtPeriodEnd: boolean }) => s.status === 'canceled' || s.cancelAtPeriodEnd;
  return cancelled(after) && !(before && cancelled(before));
}

/** The app's reason key for Stripe's cancellation_details.feedback. */
export function reasonOfFeedback(feedback: string | null | undefined): CancelReason {
  const hit = Object.entries(CANCEL_REASONS).find(([, r]) => r.feedback && r.feedback === feedback);
  return (hit?.[0] as CancelReason | undefined) ?? 'unspecified';
}

export type CancellationOutcome = 'recorded' | 'completed-pending' | 'already-recorded' | 'not-cancelled' | 'payment-ended' | 'unknown';

/** The `retention.cancellation` job: records a cancellation made outside the app (idempotent). */
export async function recordOutsideCancellation(subscriptionId: string, now: Date = new Date()): Promise<CancellationOutcome> {
  const db = await getDb();
  const sub = await db.subscription.findUnique({
    where: { id: subscriptionId },
    select: { userId: true, status: true, cancelAtPeriodEnd: true },
  });
  if (!sub) return 'unknown';
  if (!(sub.status === 'canceled' || sub.cancelAtPeriodEnd)) return 'not-cancelled'; // resumed meanwhile
  let details: Stripe.Subscription.CancellationDetails | null = null;
  try {
    details = (await getStripe().subscriptions.retrieve(subscriptionId)).cancellation_details ?? null;
  } catch (e) {
    // A subscription Stripe no longer knows: record what we know.
    if (!(e instanceof Error && 'statusCode' in e && (e as { statusCode?: number }).statusCode === 404)) throw e;
  }
  if (details?.reason === 'payment_failed' || details?.reason === 'payment_disputed') return 'payment-ended';
  return db.$transaction(async (tx) => {
    // One statement at a time under the subscription's row lock: concurrent runs of the job queue after each other.
    await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM "Subscription" WHERE id = $1 FOR UPDATE`, subscriptionId);
    const existing = await tx.cancellationRequest.findMany({ where: { subscriptionId }, select: { id: true, outcome: true } });
    if (existing.some((r) => r.outcome === 'canceled')) return 'already-recorded';
    const pending = existing.find((r) => r.outcome === 'pending');
    if (pending) {
      // The reader gave a reason in the app, then cancelled in the portal: the reason they gave stands.
      await tx.cancellationRequest.update({ where: { id: pending.id }, data: { outcome: 'canceled', decidedAt: now } });
      return 'completed-pending';
    }
    await tx.cancellationRequest.create({
      data: {
        userId: sub.userId,
        subscriptionId,
        reason: reasonOfFeedback(details?.feedback),
        detail: details?.comment?.trim().slice(0, 2000) || null,
        via: 'portal',
        outcome: 'canceled',
        decidedAt: now,
      },
    });
    return 'recorded';
  });
}
