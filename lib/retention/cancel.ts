/**
 * Cancelling in the app (issue #15): the reason, the offers staff configured, then cancellation at the
 * period end. Stripe stays the source of truth: every outcome is a Stripe call, and the mirror is
 * synced from the object Stripe returns (its emails, such as "cancellation confirmed", go through the
 * job queue like every billing email). The CancellationRequest row records the reason and outcome.
 */
import type Stripe from 'stripe';
import { getDb } from '@/lib/db/client';
import { getStripe } from '@/lib/billing/stripe';
import { patronStatus, testClockNow, type PatronSubscription } from '@/lib/billing/patron-status';
import { syncSubscription } from '@/lib/billing/mirror/subscription';
import { mirrorClock } from '@/lib/billing/mirror/sql';
import { formatMoney } from '@/lib/format/money';
import { DomainError, statusCode } from '@/lib/errors/domain-error';
import { sentence, type Sentence } from '@/lib/i18n/sentence';
import { CANCEL_REASONS, type CancelReason } from './reasons';
import { getRetentionSettings, type RetentionSettings } from './settings';

export type Offer = {
  key: string;
  kind: 'pause' | 'lower' | 'yearly';
  label: string;
  months?: number;
  amount?: number;
  currency?: string;
  /** 'lower': the billing interval the amount is per. */
  interval?: 'MONTH' | 'YEAR';
};

/** Smallest amount (minor units) a lower-amount offer may propose. */
export const LOWEST_OFFER_AMOUNT = 100;

/** The subscription a cancellation acts on: one that renews (not paused, not already canceling). */
export async function cancellableSubscription(
  userId: string,
): Promise<{ sub: PatronSubscription | null; state: string; endsAt?: Date; pausedUntil?: Date }> {
  const status = await patronStatus(userId);
  const sub = status.subscription ?? null;
  const renews = sub && (status.state === 'active' || status.state === 'trialing' || status.state === 'past_due_grace');
  return {
    sub: renews ? sub : null,
    state: status.state,
    ...(status.endsAt ? { endsAt: status.endsAt } : {}),
    ...(status.pausedUntil ? { pausedUntil: status.pausedUntil } : {}),
  };
}

/** The offers for this subscription under these settings (pure). */
export function offersFor(
  settings: RetentionSettings,
  sub: Pick<PatronSubscription, 'amount' | 'currency' | 'interval'>,
  yearlyPrice: { amount: number } | null,
): Offer[] {
  const offers: Offer[] = [];
  for (let m = 1; m <= settings.pauseMaxMonths; m++) {
    offers.push({ key: `pause:${m}`, kind: 'pause', months: m, label: `Pause my payments for ${m === 1 ? 'one month' : `${m} months`}` });
  }
  if (settings.lowerPercent > 0) {
    const amount = lowerAmount(sub.amount, settings.lowerPercent);
    if (amount >= LOWEST_OFFER_AMOUNT && amount < sub.amount) {
      offers.push({
        key: 'lower',
        kind: 'lower',
        amount,
        currency: sub.currency,
        interval: sub.interval,
        label: `Keep my membership for ${formatMoney(amount, sub.currency)} a ${sub.interval === 'YEAR' ? 'year' : 'month'}`,
      });
    }
  }
  if (settings.yearlyOffer && sub.interval === 'MONTH' && yearlyPrice) {
    offers.push({
      key: 'yearly',
      kind: 'yearly',
      amount: yearlyPrice.amount,
      currency: sub.currency,
      label: `Switch to paying yearly (${formatMoney(yearlyPrice.amount, sub.currency)} a year)`,
    });
  }
  return offers;
}

export function lowerAmount(amount: number, percent: number): number {
  return Math.round((amount * (100 - percent)) / 100);
}

/** The tier's active yearly price in the subscription's currency (for the yearly offer). */
async function yearlyPriceFor(sub: Pick<PatronSubscription, 'tierId' | 'currency'>) {
  if (!sub.tierId) return null;
  const db = await getDb();
  return db.tierPrice.findFirst({
    where: { tierId: sub.tierId, currency: sub.currency, interval: 'YEAR', active: true, stripePriceId: { not: null } },
    orderBy: { createdAt: 'desc' },
  });
}

export async function offersForUser(
  userId: string,
): Promise<{ sub: PatronSubscription | null; offers: Offer[]; state: string; endsAt?: Date; pausedUntil?: Date }> {
  const found = await cancellableSubscription(userId);
  if (!found.sub) return { ...found, offers: [] };
  const [settings, yearly] = await Promise.all([getRetentionSettings(), yearlyPriceFor(found.sub)]);
  return { ...found, offers: offersFor(settings, found.sub, yearly) };
}

/**
 * A cancellation step refused (400 bad choice, 404 unknown request, 409 changed meanwhile), with its
 * sentence from the catalogue (retention.cancelErrors) so the cancel pages say it in the reader's language.
 */
export class CancelError extends DomainError {
  constructor(said: Sentence, status: 400 | 404 | 409 = 400) {
    super({ code: `CANCEL_${statusCode(status)}`, status, sentence: said });
  }
}

/** Step one: the reason. Creates a pending request for the user's renewing subscription. */
export async function recordReason(userId: string, input: { reason: CancelReason; detail?: string | null; via: 'account' | 'link' }) {
  const { sub } = await cancellableSubscription(userId);
  if (!sub) throw new CancelError(sentence('retention.cancelErrors.nothingToCancel'), 409);
  const db = await getDb();
  return db.cancellationRequest.create({
    data: { userId, subscriptionId: sub.id, reason: input.reason, detail: input.detail?.trim() || null, via: input.via },
  });
}

async function pendingRequest(userId: string, requestId: string) {
  const db = await getDb();
  const req = await db.cancellationRequest.findUnique({ where: { id: requestId } });
  if (!req || req.userId !== userId) throw new CancelError(sentence('retention.cancelErrors.notFound'), 404);
  if (req.outcome !== 'pending') throw new CancelError(sentence('retention.cancelErrors.decided'), 409);
  return req;
}

export type Decision = { choice: 'cancel' } | { choice: 'pause'; months: number } | { choice: 'lower' } | { choice: 'yearly' };
export type DecisionResult = { outcome: 'canceled' | 'paused' | 'lowered' | 'yearly'; until?: Date; amount?: number; currency?: string };

/**
 * Step two: the patron's decision on a pending request: cancel at the period end, or take one of the
 * offers staff configured (an offer not configured now is refused).
 */
export async function decide(userId: string, requestId: string, decision: Decision): Promise<DecisionResult> {
  const req = await pendingRequest(userId, requestId);
  const { sub, offers } = await offersForUser(userId);
  if (!sub || sub.id !== req.subscriptionId) throw new CancelError(sentence('retention.cancelErrors.changed'), 409);
  const stripe = getStripe();
  const now = (await testClockNow(userId)) ?? new Date();
  let result: DecisionResult;
  let updated: Stripe.Subscription;
  const stamp = await mirrorClock();
  if (decision.choice === 'cancel') {
    const feedback = CANCEL_REASONS[req.reason as CancelReason]?.feedback ?? null;
    updated = await stripe.subscriptions.update(sub.id, {
      cancel_at_period_end: true,
      cancellation_details: {
        ...(feedback ? { feedback: feedback as Stripe.SubscriptionUpdateParams.CancellationDetails.Feedback } : {}),
        comment: req.detail ?? '',
      },
    });
    result = { outcome: 'canceled', until: sub.currentPeriodEnd };
  } else if (decision.choice === 'pause') {
    const offer = offers.find((o) => o.kind === 'pause' && o.months === decision.months);
    if (!offer) throw new CancelError(sentence('retention.cancelErrors.noPause'), 400);
    const resumesAt = addMonths(now, decision.months);
    updated = await stripe.subscriptions.update(sub.id, {
      pause_collection: { behavior: 'void', resumes_at: Math.floor(resumesAt.getTime() / 1000) },
    });
    result = { outcome: 'paused', until: resumesAt };
  } else {
    const offer = offers.find((o) => o.kind === decision.choice);
    if (!offer) throw new CancelError(sentence('retention.cancelErrors.noOffer'), 400);
    const current = await stripe.subscriptions.retrieve(sub.id);
    const item = current.items.data[0];
    if (!item) throw new CancelError(sentence('retention.cancelErrors.noPrice'), 409);
    let priceId: string;
    if (offer.kind === 'lower') {
      const productId = typeof item.price.product === 'string' ? item.price.product : item.price.product.id;
      const price = await stripe.prices.create({
        product: productId,
        currency: sub.currency,
        unit_amount: offer.amount!,
        recurring: { interval: sub.interval === 'YEAR' ? 'year' : 'month' },
        metadata: { retentionOffer: 'lower', ...(sub.tierId ? { tierId: sub.tierId } : {}) },
      });
      priceId = price.id;
    } else {
      const yearly = await yearlyPriceFor(sub);
      if (!yearly?.stripePriceId) throw new CancelError(sentence('retention.cancelErrors.noOffer'), 400);
      priceId = yearly.stripePriceId;
    }
    updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: item.id, price: priceId }],
      proration_behavior: 'none',
      ...(sub.tierId ? { metadata: { tierId: sub.tierId } } : {}),
    });
    result = { outcome: offer.kind === 'lower' ? 'lowered' : 'yearly', amount: offer.amount!, currency: sub.currency };
  }
  const db = await getDb();
  await db.cancellationRequest.update({
    where: { id: req.id },
    data: { outcome: result.outcome, decidedAt: new Date(), offerMonths: decision.choice === 'pause' ? decision.months : null },
  });
  // The mirror from what Stripe returned (the webhook will say the same); its emails go through the queue.
  await syncSubscription(sub.id, { prefetched: { object: updated, stamp } });
  return result;
}

/**
 * Ends a pause early (from /account): Stripe's `pause_collection` is cleared (the SDK's empty value,
 * `pause_collection: ''`, sent as null's equivalent), so the next renewal is charged again and the patron
 * votes again at once. Refused (409) when the membership is not paused.
 */
export async function resumePause(userId: string): Promise<{ subscriptionId: string }> {
  const status = await patronStatus(userId);
  const sub = status.state === 'paused' ? status.subscription : undefined;
  if (!sub) throw new CancelError(sentence('retention.cancelErrors.notPaused'), 409);
  const stamp = await mirrorClock();
  const updated = await getStripe().subscriptions.update(sub.id, { pause_collection: '' });
  if (updated.pause_collection) throw new Error(`Stripe kept pause_collection on ${sub.id}`);
  await syncSubscription(sub.id, { prefetched: { object: updated, stamp } });
  return { subscriptionId: sub.id };
}

/** `months` calendar months after `d` (day of month clamped, as Stripe does). */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
}
