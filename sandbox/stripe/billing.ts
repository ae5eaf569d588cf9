/**
 * Billing engine: payments (test-card behaviour), subscriptions, invoices,
 * renewals at period boundaries, smart-retry-style dunning, and test-clock advancing.
 */
import { previousAttributes, type Sandbox } from './core.ts';
import { clone, errors, newId, type Obj } from './protocol.ts';
import { handlePausedInvoice, resumeCollectionIfDue } from './resources/pause.ts';
import {
  chargeObject,
  invoiceLineObject,
  invoiceObject,
  invoicePaymentObject,
  paymentIntentObject,
  subscriptionItemObject,
  subscriptionObject,
  TEST_CARDS,
} from './objects.ts';
import { isSepaPaymentMethod, startSepaInvoicePayment } from './sepa.ts';
import { applyCustomerBalance } from './balance.ts';

const DAY = 86_400;
/** Days between automatic retries after a failed renewal payment; then the subscription is canceled. */
export const RETRY_SCHEDULE_DAYS = [3, 5, 7];

// ---------- periods ----------

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
}

/** anchor + n × interval, clamping the day of month like Stripe (Jan 31 → Feb 28/29). */
export function addPeriods(anchor: number, interval: string, count: number, n: number): number {
  const steps = count * n;
  if (interval === 'day') return anchor + steps * DAY;
  if (interval === 'week') return anchor + steps * 7 * DAY;
  const d = new Date(anchor * 1000);
  const months = interval === 'year' ? steps * 12 : steps;
  const total = d.getUTCMonth() + months;
  const y = d.getUTCFullYear() + Math.floor(total / 12);
  const m = ((total % 12) + 12) % 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(y, m));
  return Math.floor(Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000);
}

// ---------- payments ----------

export interface ChargeResult {
  ok: boolean;
  paymentIntent: Obj;
  charge: Obj;
  failure: { code: string; decline_code: string; message: string } | null;
}

export function cardFailure(behaviour: string | undefined, firstCharge: boolean): ChargeResult['failure'] {
  if (behaviour === 'insufficient_funds')
    return { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' };
  if (behaviour === 'generic_decline')
    return { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
  if (behaviour === 'fail_later' && !firstCharge)
    return { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
  return null;
}

/** Creates a payment intent + charge against a stored payment method. Emits nothing. */
export function chargeCard(
  sb: Sandbox,
  p: { amount: number; currency: string; customer: string | null; pmId: string; description?: string | null; metadata?: Obj },
): ChargeResult {
  const pm = sb.store.require(p.pmId, 'payment_method', 'payment_method');
  const meta = sb.store.meta(pm.id);
  const behaviour = (meta.behaviour as string | undefined) ?? TEST_CARDS[meta.number as string]?.behaviour;
  const failure = cardFailure(behaviour, !meta.charged);
  const created = sb.nowFor(p.customer);
  const pi = paymentIntentObject({
    created,
    amount: p.amount,
    currency: p.currency,
    customer: p.customer,
    description: p.description,
    metadata: p.metadata,
    payment_method: pm.id,
  });
  const charge = chargeObject({
    created,
    amount: p.amount,
    currency: p.currency,
    customer: p.customer,
    payment_intent: pi.id,
    pm,
    description: p.description,
    metadata: p.metadata,
    failure,
    publicUrl: sb.publicUrl,
  });
  pi.latest_charge = charge.id;
  if (failure) {
    pi.status = 'requires_payment_method';
    pi.last_payment_error = {
      charge: charge.id,
      code: failure.code,
      decline_code: failure.decline_code,
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      message: failure.message,
      payment_method: clone(pm),
      type: 'card_error',
    };
  } else {
    pi.status = 'succeeded';
    pi.amount_received = p.amount;
    sb.store.setMeta(pm.id, { charged: true });
  }
  sb.store.put(pi);
  sb.store.put(charge);
  return { ok: !failure, paymentIntent: pi, charge, failure };
}

export function emitChargeEvents(sb: Sandbox, r: ChargeResult): void {
  if (r.ok) {
    sb.emit('payment_intent.succeeded', sb.render(r.paymentIntent));
    sb.emit('charge.succeeded', sb.render(r.charge));
  } else {
    sb.emit('payment_intent.payment_failed', sb.render(r.paymentIntent));
    sb.emit('charge.failed', sb.render(r.charge));
  }
}

// ---------- subscriptions & invoices ----------

export function subscriptionItems(sb: Sandbox, sub: Obj): Obj[] {
  const ids = (sb.store.meta(sub.id).items as string[] | undefined) ?? [];
  return ids.map((id) => sb.store.get(id)).filter((x): x is Obj => !!x);
}

export function createSubscription(
  sb: Sandbox,
  p: { customer: Obj; items: { price: Obj; quantity: number }[]; metadata: Obj; pmId: string | null; description?: string | null },
): { subscription: Obj; invoice: Obj } {
  const now = sb.nowFor(p.customer.id);
  const first = p.items[0]!.price;
  const sub = subscriptionObject({
    created: now,
    customer: p.customer,
    currency: first.currency,
    metadata: p.metadata,
    default_payment_method: p.pmId,
    description: p.description,
  });
  const end = addPeriods(now, first.recurring.interval, first.recurring.interval_count, 1);
  const itemIds: string[] = [];
  for (const it of p.items) {
    const si = subscriptionItemObject({
      created: now,
      subscription: sub.id,
      price: it.price.id,
      quantity: it.quantity,
      period_start: now,
      period_end: end,
    });
    sb.store.put(si);
    itemIds.push(si.id);
  }
  sb.store.put(sub, { items: itemIds, anchor: now, periodIndex: 0 });
  if (p.customer.currency === null) {
    const before = clone(p.customer);
    p.customer.currency = first.currency;
    sb.store.put(p.customer);
    sb.emit('customer.updated', sb.render(p.customer), previousAttributes(before, p.customer));
  }
  sb.emit('customer.subscription.created', sb.render(sub));
  const invoice = invoiceSubscription(sb, sub, 'subscription_create');
  return { subscription: sub, invoice };
}

/** Invoice for the subscription's current period: created, finalized, and a payment attempt. */
export function invoiceSubscription(sb: Sandbox, sub: Obj, reason: string, opts: { beforeCreatedEvent?: () => void } = {}): Obj {
  const customer = sb.store.require(sub.customer, 'customer');
  const now = sb.nowFor(customer.id);
  const items = subscriptionItems(sb, sub);
  const invId = newId('in');
  const lines: Obj[] = [];
  let periodStart = now;
  let periodEnd = now;
  for (const si of items) {
    const price = sb.store.require(si.price, 'price');
    const product = sb.store.require(price.product, 'product');
    lines.push(
      invoiceLineObject({
        invoice: invId,
        price,
        product,
        quantity: si.quantity,
        subscription: sub.id,
        subscription_item: si.id,
        period: { start: si.current_period_start, end: si.current_period_end },
      }),
    );
    periodStart = si.current_period_start;
    periodEnd = si.current_period_end;
  }
  // Stripe: period_start/period_end of a subscription invoice describe the usage period
  // (both equal to the creation time for licensed, in-advance billing).
  void periodStart;
  void periodEnd;
  const invoice = invoiceObject({
    id: invId,
    created: now,
    customer,
    currency: sub.currency,
    billing_reason: reason,
    subscription: sub,
    lines,
    period_start: now,
    period_end: now,
  });
  sb.store.put(invoice, { payments: [] });
  sub.latest_invoice = invoice.id;
  sb.store.put(sub);
  opts.beforeCreatedEvent?.();
  sb.emit('invoice.created', sb.render(invoice));
  if (handlePausedInvoice(sb, sub, invoice, () => finalizeInvoice(sb, invoice, customer))) return invoice;
  finalizeInvoice(sb, invoice, customer);
  attemptInvoicePayment(sb, invoice);
  return invoice;
}

function finalizeInvoice(sb: Sandbox, invoice: Obj, customer: Obj): void {
  const now = sb.nowFor(customer.id);
  const seqNo = customer.next_invoice_sequence as number;
  customer.next_invoice_sequence = seqNo + 1;
  sb.store.put(customer);
  invoice.status = 'open';
  invoice.number = `${customer.invoice_prefix}-${String(seqNo).padStart(4, '0')}`;
  invoice.hosted_invoice_url = `${sb.publicUrl}/invoices/${invoice.id}`;
  invoice.invoice_pdf = `${sb.publicUrl}/invoices/${invoice.id}/pdf`;
  invoice.effective_at = now;
  invoice.status_transitions.finalized_at = now;
  invoice.webhooks_delivered_at = now;
  // The customer's balance (a credit from customers.createBalanceTransaction) is applied now.
  applyCustomerBalance(sb, invoice, customer);
  sb.store.put(invoice);
  sb.emit('invoice.finalized', sb.render(invoice));
}

function defaultPaymentMethod(sb: Sandbox, invoice: Obj): string | null {
  const subId = invoice.parent?.subscription_details?.subscription as string | undefined;
  const sub = subId ? sb.store.get(subId) : undefined;
  if (sub?.default_payment_method) return sub.default_payment_method as string;
  const cus = sb.store.get(invoice.customer as string);
  return (cus?.invoice_settings?.default_payment_method as string | null | undefined) ?? null;
}

/** One payment attempt on an open invoice with the default payment method. */
export function attemptInvoicePayment(sb: Sandbox, invoice: Obj): boolean {
  const now = sb.nowFor(invoice.customer);
  const subId = invoice.parent?.subscription_details?.subscription as string | undefined;
  const sub = subId ? sb.store.get(subId) : undefined;
  const pmId = defaultPaymentMethod(sb, invoice);
  // Nothing left to pay (a customer balance credit covered it): paid at once, without a charge, as in Stripe.
  if (invoice.amount_due === 0) {
    invoice.status = 'paid';
    invoice.amount_remaining = 0;
    invoice.next_payment_attempt = null;
    invoice.status_transitions.paid_at = now;
    sb.store.put(invoice);
    sb.store.setMeta(invoice.id, { retryAt: null });
    sb.emit('invoice.paid', sb.render(invoice));
    sb.emit('invoice.payment_succeeded', sb.render(invoice));
    if (sub && (sub.status === 'past_due' || sub.status === 'unpaid' || sub.status === 'incomplete')) {
      const before = clone(sub);
      sub.status = 'active';
      sb.store.put(sub);
      sb.emit('customer.subscription.updated', sb.render(sub), previousAttributes(before, sub));
    }
    return true;
  }
  // SEPA Direct Debit settles later (sepa.ts): the invoice stays open while the debit is processing.
  if (isSepaPaymentMethod(sb, pmId)) return startSepaInvoicePayment(sb, invoice, pmId!);
  const invMeta = sb.store.meta(invoice.id);
  invoice.attempt_count = (invoice.attempt_count as number) + 1;
  invoice.attempted = true;
  let result: ChargeResult | null = null;
  if (pmId) {
    const product = invoice.lines.data[0] ? sb.store.get(invoice.lines.data[0].pricing.price_details.product) : null;
    result = chargeCard(sb, {
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer: invoice.customer,
      pmId,
      description: invoice.billing_reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update',
    });
    void product;
    const ip = invoicePaymentObject({ created: now, invoice, payment_intent: result.paymentIntent.id });
    if (result.ok) {
      ip.status = 'paid';
      ip.amount_paid = invoice.amount_due;
      ip.status_transitions.paid_at = now;
    }
    sb.store.put(ip);
    const payments = [...((invMeta.payments as string[]) ?? []), ip.id];
    sb.store.setMeta(invoice.id, { payments });
  }
  if (result?.ok) {
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.next_payment_attempt = null;
    invoice.status_transitions.paid_at = now;
    sb.store.put(invoice);
    sb.store.setMeta(invoice.id, { retryAt: null });
    sb.emit('invoice.paid', sb.render(invoice));
    sb.emit('invoice.payment_succeeded', sb.render(invoice));
    emitChargeEvents(sb, result);
    if (sub && (sub.status === 'past_due' || sub.status === 'unpaid' || sub.status === 'incomplete')) {
      const before = clone(sub);
      sub.status = 'active';
      sb.store.put(sub);
      sb.emit('customer.subscription.updated', sb.render(sub), previousAttributes(before, sub));
    }
    return true;
  }
  // Failure: schedule the next retry (3, 5, 7 days apart), then give up.
  const failures = (invoice.attempt_count as number) - 1; // retries already made
  const nextDays = RETRY_SCHEDULE_DAYS[failures];
  const retryAt = nextDays !== undefined ? now + nextDays * DAY : null;
  invoice.next_payment_attempt = retryAt;
  sb.store.put(invoice);
  sb.store.setMeta(invoice.id, { retryAt });
  if (result) emitChargeEvents(sb, result);
  sb.emit('invoice.payment_failed', sb.render(invoice));
  if (sub && sub.status !== 'canceled') {
    if (retryAt === null) {
      // Retries exhausted: mark the invoice uncollectible and cancel the subscription.
      const before = clone(invoice);
      invoice.status = 'uncollectible';
      invoice.status_transitions.marked_uncollectible_at = now;
      sb.store.put(invoice);
      sb.emit('invoice.marked_uncollectible', sb.render(invoice), previousAttributes(before, invoice));
      cancelSubscriptionNow(sb, sub, 'payment_failed');
    } else if (sub.status === 'active') {
      const before = clone(sub);
      sub.status = 'past_due';
      sb.store.put(sub);
      sb.emit('customer.subscription.updated', sb.render(sub), previousAttributes(before, sub));
    }
  }
  return false;
}

export function cancelSubscriptionNow(sb: Sandbox, sub: Obj, reason: string, comment: string | null = null): void {
  const now = sb.nowFor(sub.customer);
  sub.status = 'canceled';
  sub.canceled_at ??= now;
  sub.ended_at = now;
  sub.cancellation_details = { comment, feedback: null, reason };
  sb.store.put(sub);
  // Open invoices of a canceled subscription stop retrying.
  for (const inv of sb.store.all('invoice', (i) => i.parent?.subscription_details?.subscription === sub.id && i.status === 'open')) {
    sb.store.setMeta(inv.id, { retryAt: null });
    inv.next_payment_attempt = null;
    sb.store.put(inv);
  }
  sb.emit('customer.subscription.deleted', sb.render(sub));
}

/** Called when a subscription's period ends: cancel (if scheduled) or start the next period and invoice it. */
export function renewSubscription(sb: Sandbox, sub: Obj): void {
  const items = subscriptionItems(sb, sub);
  const end = items[0]!.current_period_end as number;
  if (sub.cancel_at_period_end || (typeof sub.cancel_at === 'number' && sub.cancel_at <= end)) {
    cancelSubscriptionNow(sb, sub, 'cancellation_requested');
    return;
  }
  resumeCollectionIfDue(sb, sub, end);
  const meta = sb.store.meta(sub.id);
  const before = sb.render(sub);
  const n = ((meta.periodIndex as number) ?? 0) + 1;
  for (const si of items) {
    const price = sb.store.require(si.price, 'price');
    si.current_period_start = si.current_period_end;
    si.current_period_end = addPeriods(meta.anchor as number, price.recurring.interval, price.recurring.interval_count, n + 1);
    sb.store.put(si);
  }
  sb.store.setMeta(sub.id, { periodIndex: n });
  invoiceSubscription(sb, sub, 'subscription_cycle', {
    beforeCreatedEvent: () => {
      const after = sb.render(sub);
      sb.emit('customer.subscription.updated', after, { items: before.items, latest_invoice: before.latest_invoice });
    },
  });
}

/** Next scheduled action (renewal or payment retry) at or before `until` for the clock's customers. */
function nextAction(sb: Sandbox, clockId: string | null, until: number): { at: number; run: () => void } | null {
  let best: { at: number; run: () => void } | null = null;
  const onClock = (customerId: unknown) => {
    const c = typeof customerId === 'string' ? sb.store.get(customerId) : undefined;
    return (c?.test_clock ?? null) === clockId;
  };
  for (const sub of sb.store.all(
    'subscription',
    (s) => s.status !== 'canceled' && s.status !== 'incomplete_expired' && onClock(s.customer),
  )) {
    const items = subscriptionItems(sb, sub);
    if (!items.length) continue;
    const at = items[0]!.current_period_end as number;
    if (at <= until && (!best || at < best.at)) best = { at, run: () => renewSubscription(sb, sub) };
  }
  for (const inv of sb.store.all('invoice', (i) => i.status === 'open' && onClock(i.customer))) {
    const at = sb.store.meta(inv.id).retryAt as number | null | undefined;
    if (typeof at === 'number' && at <= until && (!best || at < best.at)) best = { at, run: () => attemptInvoicePayment(sb, inv) };
  }
  return best;
}

/** Runs all actions due up to `until` in time order (for a test clock: moving its frozen time along). */
export function processDue(sb: Sandbox, clockId: string | null, until: number): void {
  const clock = clockId ? sb.store.get(clockId) : null;
  for (let guard = 0; guard < 100_000; guard++) {
    const action = nextAction(sb, clockId, until);
    if (!action) break;
    if (clock) {
      clock.frozen_time = Math.max(clock.frozen_time as number, action.at);
      sb.store.put(clock);
    }
    action.run();
  }
}

/** POST /v1/test_helpers/test_clocks/:id/advance — responds `advancing`, then works asynchronously. */
export function advanceClock(sb: Sandbox, clock: Obj, target: number): Obj {
  if (clock.status !== 'ready') throw errors.state(`Test clock ${clock.id} is currently advancing; wait until it is ready.`);
  if (target <= (clock.frozen_time as number)) {
    throw errors.badValue('frozen_time', 'The frozen_time must be after the current frozen_time of the test clock.');
  }
  clock.status = 'advancing';
  clock.status_details = { advancing: { target_frozen_time: target } };
  sb.store.put(clock);
  const response = sb.render(clock);
  sb.emit('test_helpers.test_clock.advancing', response);
  const request = { ...sb.request };
  sb.pendingWork++;
  setTimeout(() => {
    const saved = sb.request;
    sb.request = { id: null, idempotencyKey: null };
    try {
      processDue(sb, clock.id, target);
      clock.frozen_time = target;
      clock.status = 'ready';
      clock.status_details = {};
      sb.store.put(clock);
      sb.emit('test_helpers.test_clock.ready', sb.render(clock));
    } finally {
      sb.request = saved;
      sb.pendingWork--;
    }
    void request;
  }, 20);
  return response;
}
