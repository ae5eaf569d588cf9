/**
 * Pure mappers from Stripe objects to mirror rows, and the emails a stored row calls for. No I/O:
 * the sync modules fetch, write, and hand what was stored to these functions.
 */
import type Stripe from 'stripe';
import { fromUnix, fromUnixOrNull, idOf } from '../ids';
import { BILLING_EMAIL_KINDS, membershipEndedReference, type BillingEmailKind } from '../emails';

type Ref = string | { id: string } | null | undefined;

/** The keys of `after` whose values differ from `before` (dates by instant); every key when there is no `before`. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  if (!before) return Object.keys(after);
  const changed: string[] = [];
  for (const [k, v] of Object.entries(after)) {
    const b = before[k];
    const same = v instanceof Date && b instanceof Date ? v.getTime() === b.getTime() : v === b;
    if (!same) changed.push(k);
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// subscriptions

export function intervalOf(price: Stripe.Price): 'MONTH' | 'YEAR' {
  const i = price.recurring?.interval;
  if (i === 'month') return 'MONTH';
  if (i === 'year') return 'YEAR';
  throw new Error(`Price ${price.id} has interval "${i ?? 'none'}"; only monthly and yearly prices are supported`);
}

/** The Subscription columns Stripe's object determines (pastDueSince needs what is stored: see the sync). */
export type SubscriptionFields = {
  customerId: string;
  status: string;
  stripePriceId: string;
  currency: string;
  interval: 'MONTH' | 'YEAR';
  amount: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
  trialEnd: Date | null;
  startedAt: Date;
  /** Stripe's pause_collection: behavior and when collection resumes (both null when not paused). */
  pauseBehavior: string | null;
  pauseResumesAt: Date | null;
};

/** How the row finds its user and tier (resolved in the database at write time). */
export type SubscriptionLinks = { metadataUserId: string | null; metadataTierId: string | null; productId: string | null };

export type MappedSubscription =
  | { ok: true; fields: SubscriptionFields; links: SubscriptionLinks }
  | { ok: false; customerId: string | null; metadataUserId: string | null; reason: 'no customer' | 'no items' };

export function subscriptionRow(sub: Stripe.Subscription): MappedSubscription {
  const customerId = idOf(sub.customer as Ref);
  const metadataUserId = sub.metadata?.userId ?? null;
  if (!customerId) return { ok: false, customerId, metadataUserId, reason: 'no customer' };
  const item = sub.items.data[0];
  if (!item) return { ok: false, customerId, metadataUserId, reason: 'no items' };
  const price = item.price;
  return {
    ok: true,
    fields: {
      customerId,
      status: sub.status,
      stripePriceId: price.id,
      currency: sub.currency,
      interval: intervalOf(price),
      amount: (price.unit_amount ?? 0) * (item.quantity ?? 1),
      currentPeriodStart: fromUnix(item.current_period_start),
      currentPeriodEnd: fromUnix(item.current_period_end),
      cancelAtPeriodEnd:
        sub.cancel_at_period_end || (sub.cancel_at != null && sub.cancel_at <= item.current_period_end && sub.status !== 'canceled'),
      canceledAt: fromUnixOrNull(sub.canceled_at),
      endedAt: fromUnixOrNull(sub.ended_at),
      trialEnd: fromUnixOrNull(sub.trial_end),
      startedAt: fromUnix(sub.start_date),
      pauseBehavior: sub.pause_collection?.behavior ?? null,
      pauseResumesAt: fromUnixOrNull(sub.pause_collection?.resumes_at),
    },
    links: { metadataUserId, metadataTierId: sub.metadata?.tierId ?? null, productId: idOf(price.product as Ref) },
  };
}

const PATRON_STATUSES = new Set(['active', 'trialing']);

export type SubscriptionEmail = { kind: BillingEmailKind; subId: string; reference: string };

/** The emails a stored subscription calls for (each is sent once per reference): at most two. */
export function subscriptionEmailsFor(
  subId: string,
  s: Pick<SubscriptionFields, 'status' | 'cancelAtPeriodEnd' | 'canceledAt' | 'currentPeriodEnd'>,
): SubscriptionEmail[] {
  if (PATRON_STATUSES.has(s.status)) {
    const welcome = { kind: BILLING_EMAIL_KINDS.welcome, subId, reference: subId };
    if (!s.cancelAtPeriodEnd) return [welcome];
    const key = `${subId}:cancel:${Math.floor((s.canceledAt ?? s.currentPeriodEnd).getTime() / 1000)}`;
    return [welcome, { kind: BILLING_EMAIL_KINDS.cancellationConfirmed, subId, reference: key }];
  }
  if (s.status === 'canceled' || s.status === 'unpaid')
    return [{ kind: BILLING_EMAIL_KINDS.membershipEnded, subId, reference: membershipEndedReference(subId) }];
  return [];
}

// ---------------------------------------------------------------------------------------------
// invoices

export function subscriptionIdOfInvoice(inv: Stripe.Invoice): string | null {
  return idOf(inv.parent?.subscription_details?.subscription as Ref);
}

/** The Invoice columns an invoice (and the charges paying it) determine; userId/subscriptionId come from the mirror. */
export type InvoiceFields = {
  customerId: string;
  status: string;
  currency: string;
  amountDue: number;
  amountPaid: number;
  amountRefunded: number;
  periodStart: Date | null;
  periodEnd: Date | null;
  hostedInvoiceUrl: string | null;
  paidAt: Date | null;
  createdAt: Date;
};

export function invoiceRow(inv: Stripe.Invoice, charges: readonly Stripe.Charge[]): InvoiceFields | null {
  const customerId = idOf(inv.customer as Ref);
  if (!customerId) return null;
  const line = inv.lines?.data?.[0];
  return {
    customerId,
    status: inv.status ?? 'draft',
    currency: inv.currency,
    amountDue: inv.amount_due,
    amountPaid: inv.amount_paid,
    amountRefunded: charges.reduce((n, c) => n + c.amount_refunded, 0),
    periodStart: line?.period ? fromUnix(line.period.start) : fromUnixOrNull(inv.period_start),
    periodEnd: line?.period ? fromUnix(line.period.end) : fromUnixOrNull(inv.period_end),
    hostedInvoiceUrl: inv.hosted_invoice_url ?? null,
    paidAt: fromUnixOrNull(inv.status_transitions?.paid_at),
    createdAt: fromUnix(inv.created),
  };
}

/** Which charges pay the invoice: charge ids, and payment intents whose charges must be listed. */
export function invoicePayments(inv: Stripe.Invoice): { chargeId: string | null; paymentIntentId: string | null }[] {
  return (inv.payments?.data ?? []).map((p) => ({
    chargeId: idOf(p.payment.charge as Ref),
    paymentIntentId: idOf(p.payment.payment_intent as Ref),
  }));
}

export type InvoiceEmail = typeof BILLING_EMAIL_KINDS.receipt | typeof BILLING_EMAIL_KINDS.paymentFailed;

/**
 * The emails a stored invoice calls for, given what the event asks for: a receipt for a paid renewal
 * (the first payment is covered by the welcome email), a "payment failed" notice while still open.
 */
export function invoiceEmailsFor(
  stored: Pick<InvoiceFields, 'status' | 'amountPaid'>,
  billingReason: string | null | undefined,
  asked: { receipt?: boolean; failedNotice?: boolean },
): InvoiceEmail[] {
  const out: InvoiceEmail[] = [];
  if (asked.receipt && stored.status === 'paid' && stored.amountPaid > 0 && billingReason !== 'subscription_create')
    out.push(BILLING_EMAIL_KINDS.receipt);
  if (asked.failedNotice && stored.status === 'open') out.push(BILLING_EMAIL_KINDS.paymentFailed);
  return out;
}

// ---------------------------------------------------------------------------------------------
// charges

/** The Payment columns a charge determines. */
export type PaymentFields = {
  customerId: string | null;
  amount: number;
  amountRefunded: number;
  currency: string;
  status: string;
  createdAt: Date;
};

export function paymentRow(c: Stripe.Charge): PaymentFields {
  return {
    customerId: idOf(c.customer as Ref),
    amount: c.amount,
    amountRefunded: c.amount_refunded,
    currency: c.currency,
    status: c.refunded ? 'refunded' : c.amount_refunded > 0 ? 'partially_refunded' : c.status,
    createdAt: fromUnix(c.created),
  };
}

/** When the charge was last refunded, if Stripe sent its refunds (they are expandable on a charge). */
export function latestRefundAt(c: Stripe.Charge): Date | null {
  const times = (c.refunds?.data ?? []).map((r) => r.created);
  return times.length ? fromUnix(Math.max(...times)) : null;
}

// ---------------------------------------------------------------------------------------------
// checkout sessions

export type CheckoutStatus = 'OPEN' | 'COMPLETED' | 'EXPIRED';

export function checkoutStatus(s: Pick<Stripe.Checkout.Session, 'status'>): CheckoutStatus {
  return s.status === 'complete' ? 'COMPLETED' : s.status === 'expired' ? 'EXPIRED' : 'OPEN';
}

/** A Checkout row for a session we did not record (created before a crash, or elsewhere): what Stripe knows. */
export function checkoutRowFromSession(s: Stripe.Checkout.Session, userId: string, tierId: string | null, now: Date) {
  const status = checkoutStatus(s);
  const interval = s.metadata?.interval;
  return {
    id: s.id,
    userId,
    mode: s.mode,
    tierId,
    currency: s.currency ?? 'usd',
    interval: interval === 'YEAR' ? ('YEAR' as const) : interval === 'MONTH' ? ('MONTH' as const) : null,
    amount: s.amount_total ?? 0,
    fromArticle: s.metadata?.from || null,
    placement: s.metadata?.placement || null,
    fromRound: s.metadata?.round || null,
    // Only an id of the shape lib/campaigns gives (cuid); the row's foreign key is not enforced.
    campaignId: /^[a-z0-9]{20,40}$/.test(s.metadata?.campaign ?? '') ? s.metadata!.campaign! : null,
    status,
    subscriptionId: idOf(s.subscription as Ref),
    completedAt: status === 'COMPLETED' ? now : null,
  };
}
