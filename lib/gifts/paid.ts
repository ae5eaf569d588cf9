/**
 * A gift's payment landed: called by the checkout mirror (lib/billing/mirror/checkout-session.ts) for a
 * completed session whose metadata says kind "gift". Idempotent (a replayed webhook changes nothing).
 * Kept apart from gifts.ts so the mirror imports nothing else of the gift module.
 */
import type Stripe from 'stripe';
import { getDb } from '@/lib/db/client';

export async function markGiftPaid(
  session: Pick<Stripe.Checkout.Session, 'id' | 'metadata' | 'payment_status'>,
  now: Date = new Date(),
): Promise<boolean> {
  const giftId = session.metadata?.giftId;
  if (session.metadata?.kind !== 'gift' || !giftId || session.payment_status !== 'paid') return false;
  const db = await getDb();
  const { count } = await db.giftMembership.updateMany({
    where: { id: giftId, checkoutSessionId: session.id, paidAt: null },
    data: { paidAt: now },
  });
  return count === 1;
}

/** A pay-it-forward contribution's payment landed (metadata kind "pif"): it counts in the pot. Idempotent. */
export async function markContributionPaid(
  session: Pick<Stripe.Checkout.Session, 'id' | 'metadata' | 'payment_status'>,
  now: Date = new Date(),
): Promise<boolean> {
  const id = session.metadata?.contributionId;
  if (session.metadata?.kind !== 'pif' || !id || session.payment_status !== 'paid') return false;
  const db = await getDb();
  const { count } = await db.payItForwardContribution.updateMany({
    where: { id, checkoutSessionId: session.id, paidAt: null },
    data: { paidAt: now },
  });
  return count === 1;
}
