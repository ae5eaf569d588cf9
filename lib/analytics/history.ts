/**
 * The billing mirror's history, the raw material of every supporter figure. The mirror calls
 * `recordSubscriptionState` after each subscription upsert and `recordPaymentState` after each charge
 * upsert; a SubscriptionChange row is appended only when something a figure depends on changed, so
 * duplicate and replayed webhooks add nothing.
 */
import { getDb } from '@/lib/db/client';

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

/** When did this state take effect? The first state at the subscription's start, an ending at its end, else when we saw it. */
export function effectiveAt(s: SubscriptionSnapshot, isFirst: boolean, seenAt: Date): Date {
  if (isFirst) return s.startedAt;
  if (s.endedAt) return s.endedAt;
  if (s.status === 'past_due' && s.pastDueSince) return s.pastDueSince;
  return seenAt;
}

export async function recordSubscriptionState(s: SubscriptionSnapshot, seenAt: Date): Promise<void> {
  const db = await getDb();
  const last = await db.subscriptionChange.findFirst({ where: { subscriptionId: s.subscriptionId }, orderBy: [{ at: 'desc' }, { createdAt: 'desc' }] });
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
  await db.subscriptionChange.create({
    data: {
      subscriptionId: s.subscriptionId,
      userId: s.userId,
      at,
      status: s.status,
      tierId: s.tierId,
      currency: s.currency,
      interval: s.interval,
      amount: s.amount,
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      currentPeriodEnd: s.currentPeriodEnd,
      pastDueSince: s.pastDueSince,
      endedAt: s.endedAt,
    },
  });
}

/**
 * When a charge was refunded (revenue figures subtract refunds on that day): Stripe's refund time
 * when the charge came with its refunds, else the first time the mirror saw the refund.
 */
export async function recordPaymentState(p: { id: string; amountRefunded: number; refundedAt: Date | null }, seenAt: Date): Promise<void> {
  if (p.amountRefunded <= 0) return;
  const db = await getDb();
  if (p.refundedAt) await db.payment.update({ where: { id: p.id }, data: { refundedAt: p.refundedAt } });
  else await db.payment.updateMany({ where: { id: p.id, refundedAt: null }, data: { refundedAt: seenAt } });
}
