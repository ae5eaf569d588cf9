/**
 * The mirror: re-fetch an object from Stripe and upsert our copy. Used by the webhook handlers (so the
 * order in which events arrive never matters: we always store Stripe's current state) and by the
 * reconcile job. Every function here is idempotent.
 */
import { statusOfOne } from './patron-status';
import { isUniqueViolation } from '@/lib/db/errors';
import type Stripe from 'stripe';
import { getDb } from '@/lib/db/client';
import { siteName, siteUrl } from '@/lib/config/site';
import {
  cancellationConfirmedEmail,
  membershipEndedEmail,
  paymentFailedEmail,
  paymentReceiptEmail,
  welcomeEmail,
} from '@/lib/mail/billing-templates';
import { Prisma } from '@/lib/generated/prisma/client';
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
  const db = await getDb();
  if (customerId) {
    const row = await db.stripeCustomer.findUnique({ where: { customerId } });
    if (row) return row.userId;
  }
  if (metadataUserId) {
    const user = await db.user.findUnique({ where: { id: metadataUserId }, select: { id: true } });
    if (user) {
      if (customerId) await linkCustomer(user.id, customerId);
      return user.id;
    }
  }
  return null;
}

/** Records user ↔ customer when neither side is linked yet (never overwrites an existing link). */
export async function linkCustomer(userId: string, customerId: string): Promise<void> {
  const db = await getDb();
  try {
    await db.stripeCustomer.createMany({ data: [{ userId, customerId }], skipDuplicates: true });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
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

async function tierIdFor(price: Stripe.Price, metadataTierId: string | undefined): Promise<string | null> {
  const db = await getDb();
  const tp = await db.tierPrice.findUnique({ where: { stripePriceId: price.id }, select: { tierId: true } });
  if (tp) return tp.tierId;
  if (metadataTierId) {
    const t = await db.tier.findUnique({ where: { id: metadataTierId }, select: { id: true } });
    if (t) return t.id;
  }
  const productId = idOf(price.product as string | { id: string } | null);
  if (productId) {
    const t = await db.tier.findUnique({ where: { stripeProductId: productId }, select: { id: true } });
    if (t) return t.id;
  }
  return null;
}

function intervalOf(price: Stripe.Price): 'MONTH' | 'YEAR' {
  const i = price.recurring?.interval;
  if (i === 'month') return 'MONTH';
  if (i === 'year') return 'YEAR';
  throw new Error(`Price ${price.id} has interval "${i ?? 'none'}"; only monthly and yearly prices are supported`);
}

/** Re-fetches subscription `id` from Stripe and upserts the mirror (plus the emails its state calls for). */
export async function syncSubscription(id: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const stripe = getStripe();
  const db = await getDb();
  const now = opts.now ?? new Date();
  const sub = await stripe.subscriptions.retrieve(id);
  const customerId = idOf(sub.customer as string | { id: string });
  const userId = await resolveUserId(customerId, sub.metadata?.userId);
  if (!userId || !customerId) return { id, action: 'skipped', changes: [], reason: `no user for customer ${customerId ?? '(none)'}` };

  const item = sub.items.data[0];
  if (!item) return { id, action: 'skipped', changes: [], reason: 'subscription has no items' };
  const price = item.price;
  const before = await db.subscription.findUnique({ where: { id } });

  let pastDueSince: Date | null = null;
  if (sub.status === 'past_due') {
    if (before?.status === 'past_due' && before.pastDueSince) pastDueSince = before.pastDueSince;
    else pastDueSince = await pastDueStart(sub, now);
  }

  const data = {
    userId,
    customerId,
    status: sub.status,
    tierId: await tierIdFor(price, sub.metadata?.tierId),
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
  const changes = diff(before as Record<string, unknown> | null, data);
  await db.subscription.upsert({ where: { id }, create: { id, ...data, syncedAt: now }, update: { ...data, syncedAt: now } });
  await recordSubscriptionState({ subscriptionId: id, ...data }, now);

  if (opts.emails ?? true) await subscriptionEmails(sub.id, userId, data);
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
  tierId: string | null;
  currency: string;
  interval: 'MONTH' | 'YEAR';
  amount: number;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  currentPeriodEnd: Date;
};

async function subscriptionEmails(subId: string, userId: string, s: SubData): Promise<void> {
  const db = await getDb();
  const site = siteName();
  const base = siteUrl();
  if (PATRON_STATUSES.has(s.status)) {
    const tier = s.tierId ? await db.tier.findUnique({ where: { id: s.tierId }, select: { name: true } }) : null;
    await sendBillingEmailOnce({
      kind: BILLING_EMAIL_KINDS.welcome,
      userId,
      reference: subId,
      render: (u) =>
        welcomeEmail({
          siteName: site,
          name: u.name,
          reference: subId,
          tierName: tier?.name ?? 'member',
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

export type InvoiceSyncOptions = SyncOptions & { receipt?: boolean; failedNotice?: boolean };

/**
 * Re-fetches invoice `id` (and its charges) and upserts Invoice + Payment rows. Makes sure the
 * subscription mirror exists first (events may arrive before customer.subscription.created).
 */
export async function syncInvoice(id: string, opts: InvoiceSyncOptions = {}): Promise<SyncResult> {
  const stripe = getStripe();
  const db = await getDb();
  const now = opts.now ?? new Date();
  const inv = await stripe.invoices.retrieve(id, { expand: ['payments'] });
  const customerId = idOf(inv.customer as string | { id: string } | null);
  let subscriptionId = subscriptionIdOfInvoice(inv);
  const userId = await resolveUserId(customerId, inv.parent?.subscription_details?.metadata?.userId ?? inv.metadata?.userId);
  if (!customerId) return { id, action: 'skipped', changes: [], reason: 'invoice has no customer' };

  if (subscriptionId && !(await db.subscription.findUnique({ where: { id: subscriptionId }, select: { id: true } }))) {
    const r = await syncSubscription(subscriptionId, opts);
    if (r.action === 'skipped') subscriptionId = null;
  }

  // Charges paying this invoice (via its payment intents).
  const charges: Stripe.Charge[] = [];
  for (const p of inv.payments?.data ?? []) {
    const chargeId = idOf(p.payment.charge as string | { id: string } | undefined);
    const piId = idOf(p.payment.payment_intent as string | { id: string } | undefined);
    if (chargeId) charges.push(await stripe.charges.retrieve(chargeId));
    else if (piId) charges.push(...(await stripe.charges.list({ payment_intent: piId, limit: 100 })).data);
  }
  const seen = new Set<string>();
  const uniqueCharges = charges.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  for (const c of uniqueCharges) await upsertCharge(c, { userId, invoiceId: null });

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
  const before = await db.invoice.findUnique({ where: { id } });
  const changes = diff(before as Record<string, unknown> | null, data);
  await db.invoice.upsert({ where: { id }, create: { id, ...data, syncedAt: now }, update: { ...data, syncedAt: now } });
  // Link the charges to the invoice now that it exists.
  if (uniqueCharges.length) await db.payment.updateMany({ where: { id: { in: uniqueCharges.map((c) => c.id) } }, data: { invoiceId: id } });

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
  return { id, action: before ? (changes.length ? 'updated' : 'unchanged') : 'created', changes };
}

/** Upserts one charge as a Payment. Existing links (invoice, checkout session) are kept. */
export async function upsertCharge(
  c: Stripe.Charge,
  links: { userId?: string | null; invoiceId?: string | null; checkoutSessionId?: string | null } = {},
): Promise<void> {
  const db = await getDb();
  const customerId = idOf(c.customer as string | { id: string } | null);
  const userId = links.userId ?? (await resolveUserId(customerId, c.metadata?.userId));
  const data = {
    userId,
    customerId,
    amount: c.amount,
    amountRefunded: c.amount_refunded,
    currency: c.currency,
    status: c.refunded ? 'refunded' : c.amount_refunded > 0 ? 'partially_refunded' : c.status,
    createdAt: fromUnix(c.created),
  };
  await db.payment.upsert({
    where: { id: c.id },
    create: { id: c.id, ...data, invoiceId: links.invoiceId ?? null, checkoutSessionId: links.checkoutSessionId ?? null },
    update: {
      ...data,
      ...(links.invoiceId ? { invoiceId: links.invoiceId } : {}),
      ...(links.checkoutSessionId ? { checkoutSessionId: links.checkoutSessionId } : {}),
    },
  });
  await recordPaymentState({ id: c.id, amountRefunded: c.amount_refunded, refundedAt: latestRefundAt(c) }, new Date());
}

/** When the charge was last refunded, if Stripe sent its refunds (they are expandable on a charge). */
function latestRefundAt(c: Stripe.Charge): Date | null {
  const times = (c.refunds?.data ?? []).map((r) => r.created);
  return times.length ? fromUnix(Math.max(...times)) : null;
}

/** Re-fetches a charge (e.g. after a refund) and updates its Payment and the invoice it paid. */
export async function syncCharge(id: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const stripe = getStripe();
  const db = await getDb();
  const c = await stripe.charges.retrieve(id, { expand: ['refunds'] });
  const before = await db.payment.findUnique({ where: { id } });
  await upsertCharge(c);
  let invoiceId = before?.invoiceId ?? null;
  const piId = idOf(c.payment_intent as string | { id: string } | null);
  if (!invoiceId && piId) {
    const list = await stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: piId }, limit: 100 });
    const match = list.data.find((p) => idOf(p.payment.payment_intent as string | { id: string } | undefined) === piId);
    invoiceId = match ? idOf(match.invoice as string | { id: string }) : null;
  }
  if (invoiceId) await syncInvoice(invoiceId, { ...opts, emails: false });
  const after = await db.payment.findUnique({ where: { id } });
  const changes = diff(before as Record<string, unknown> | null, (after ?? {}) as Record<string, unknown>).filter((k) => k !== 'syncedAt');
  return { id, action: before ? (changes.length ? 'updated' : 'unchanged') : 'created', changes };
}

// ---------------------------------------------------------------------------------------------
// checkout sessions

/** Re-fetches a Checkout Session; completes our Checkout row, links customer + subscription, records one-off charges. */
export async function syncCheckoutSession(id: string, opts: SyncOptions = {}): Promise<SyncResult> {
  const stripe = getStripe();
  const db = await getDb();
  const now = opts.now ?? new Date();
  const s = await stripe.checkout.sessions.retrieve(id);
  const customerId = idOf(s.customer as string | { id: string } | null);
  const metaUserId = s.metadata?.userId ?? s.client_reference_id ?? null;
  const before = await db.checkout.findUnique({ where: { id } });
  const userId = before?.userId ?? (await resolveUserId(customerId, metaUserId));
  if (!userId) return { id, action: 'skipped', changes: [], reason: 'no user for this checkout session' };
  if (customerId) await linkCustomer(userId, customerId);

  const subscriptionId = idOf(s.subscription as string | { id: string } | null);
  const status = s.status === 'complete' ? 'COMPLETED' : s.status === 'expired' ? 'EXPIRED' : 'OPEN';
  if (before) {
    if (before.status !== status || (subscriptionId && before.subscriptionId !== subscriptionId)) {
      await db.checkout.update({
        where: { id },
        data: { status, subscriptionId: subscriptionId ?? before.subscriptionId, completedAt: status === 'COMPLETED' ? (before.completedAt ?? now) : before.completedAt },
      });
    }
  } else {
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
          status,
          subscriptionId,
          completedAt: status === 'COMPLETED' ? now : null,
        },
      ],
      skipDuplicates: true,
    });
  }

  if (status === 'COMPLETED') {
    if (subscriptionId) await syncSubscription(subscriptionId, opts);
    const piId = idOf(s.payment_intent as string | { id: string } | null);
    if (s.mode === 'payment' && piId) {
      const charges = await stripe.charges.list({ payment_intent: piId, limit: 100 });
      for (const c of charges.data) await upsertCharge(c, { userId, checkoutSessionId: id });
    }
  }
  return { id, action: before ? (before.status !== status ? 'updated' : 'unchanged') : 'created', changes: before && before.status === status ? [] : ['status'] };
}
