/**
 * SEPA Direct Debit (issue 18), as Stripe's test mode behaves for subscriptions: the debit is a delayed
 * notification method. The first invoice's payment intent is `processing` while the subscription is
 * already `active` (Checkout completes), and some time later the debit settles:
 * - DE89370400440532013000 succeeds: payment_intent.succeeded, charge.succeeded, invoice.paid;
 * - DE62370400440532013001 fails: charge.failed, payment_intent.payment_failed, invoice.payment_failed
 *   (the invoice stays open), and the subscription is cancelled (customer.subscription.deleted).
 * The settling delay is `sepaSettleMs` (default 1500 ms); `deliveriesSettled()` waits for it.
 * Only for EUR (Stripe offers sepa_debit for euro payments only).
 */
import { createHash } from 'node:crypto';
import type { Sandbox } from './core.ts';
import { newId, type Obj } from './protocol.ts';
import { chargeObject, invoicePaymentObject, paymentIntentObject } from './objects.ts';

/** chargeObject reads card fields; a SEPA charge replaces them with its own payment_method_details. */
const CARD_SHAPE: Obj = {
  brand: null,
  checks: null,
  country: null,
  exp_month: null,
  exp_year: null,
  fingerprint: null,
  funding: null,
  last4: null,
};
import { cancelSubscriptionNow } from './billing.ts';

export const SEPA_TEST_IBANS: Record<string, 'sepa_ok' | 'sepa_fail'> = {
  DE89370400440532013000: 'sepa_ok',
  DE62370400440532013001: 'sepa_fail',
};

export interface SepaInput {
  kind: 'sepa_debit';
  iban: string;
  name: string;
  email: string | null;
}

export const normaliseIban = (raw: string): string => raw.replace(/\s+/g, '').toUpperCase();

/** A sepa_debit payment method, shaped after Stripe's. */
export function sepaPaymentMethodObject(p: { created: number; iban: string; name: string; email: string | null }): Obj {
  return {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: p.email,
      name: p.name,
      phone: null,
      tax_id: null,
    },
    created: p.created,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    sepa_debit: {
      bank_code: p.iban.slice(4, 12),
      branch_code: '',
      country: p.iban.slice(0, 2),
      fingerprint: createHash('sha256').update(p.iban).digest('base64url').slice(0, 16),
      generated_from: { charge: null, setup_attempt: null },
      last4: p.iban.slice(-4),
    },
    type: 'sepa_debit',
  };
}

export function isSepaPaymentMethod(sb: Sandbox, pmId: string | null): boolean {
  return !!pmId && sb.store.get(pmId)?.type === 'sepa_debit';
}

function sepaDetails(pm: Obj): Obj {
  const d = pm.sepa_debit as Obj;
  return {
    type: 'sepa_debit',
    sepa_debit: {
      bank_code: d.bank_code,
      branch_code: d.branch_code,
      country: d.country,
      fingerprint: d.fingerprint,
      last4: d.last4,
      mandate: newId('mandate'),
    },
  };
}

/**
 * The first (and any) payment attempt of an invoice paid by SEPA Direct Debit: a processing payment
 * intent and a pending charge now, the outcome after the settling delay.
 */
export function startSepaInvoicePayment(sb: Sandbox, invoice: Obj, pmId: string): boolean {
  const pm = sb.store.require(pmId, 'payment_method', 'payment_method');
  const now = sb.nowFor(invoice.customer);
  invoice.attempt_count = (invoice.attempt_count as number) + 1;
  invoice.attempted = true;
  invoice.next_payment_attempt = null;
  const pi = paymentIntentObject({
    created: now,
    amount: invoice.amount_due,
    currency: invoice.currency,
    customer: invoice.customer,
    description: 'Subscription creation',
    payment_method: pm.id,
  });
  pi.status = 'processing';
  pi.payment_method_types = ['sepa_debit'];
  // Stripe's charge shape (objects.ts), with what a debit in flight has: pending, not paid yet, SEPA details.
  const charge = chargeObject({
    created: now,
    amount: invoice.amount_due,
    currency: invoice.currency,
    customer: invoice.customer,
    payment_intent: pi.id,
    pm: { ...pm, card: CARD_SHAPE },
    description: 'Subscription creation',
    publicUrl: sb.publicUrl,
  });
  Object.assign(charge, { billing_details: pm.billing_details, payment_method_details: sepaDetails(pm), status: 'pending', paid: false });
  pi.latest_charge = charge.id;
  sb.store.put(pi);
  sb.store.put(charge);
  const ip = invoicePaymentObject({ created: now, invoice, payment_intent: pi.id });
  sb.store.put(ip);
  sb.store.setMeta(invoice.id, { payments: [...((sb.store.meta(invoice.id).payments as string[]) ?? []), ip.id], retryAt: null });
  sb.store.put(invoice);
  sb.emit('payment_intent.processing', sb.render(pi));
  sb.emit('charge.pending', sb.render(charge));
  const outcome = (sb.store.meta(pm.id).behaviour as string | undefined) === 'sepa_fail' ? 'fail' : 'ok';
  sb.pendingWork++;
  setTimeout(() => {
    const saved = sb.request;
    sb.request = { id: null, idempotencyKey: null };
    try {
      settleSepa(sb, invoice.id as string, pi.id as string, charge.id as string, ip.id as string, outcome);
    } finally {
      sb.request = saved;
      sb.pendingWork--;
    }
  }, sb.sepaSettleMs);
  return false;
}

function settleSepa(sb: Sandbox, invoiceId: string, piId: string, chargeId: string, ipId: string, outcome: 'ok' | 'fail'): void {
  const invoice = sb.store.get(invoiceId);
  const pi = sb.store.get(piId);
  const charge = sb.store.get(chargeId);
  const ip = sb.store.get(ipId);
  if (!invoice || !pi || !charge || !ip || invoice.status !== 'open') return;
  const now = sb.nowFor(invoice.customer);
  const subId = invoice.parent?.subscription_details?.subscription as string | undefined;
  const sub = subId ? sb.store.get(subId) : undefined;
  if (outcome === 'ok') {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    charge.status = 'succeeded';
    charge.paid = true;
    charge.balance_transaction = newId('txn');
    charge.outcome = {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'not_assessed',
      seller_message: 'Payment complete.',
      type: 'authorized',
    };
    ip.status = 'paid';
    ip.amount_paid = invoice.amount_due;
    ip.status_transitions.paid_at = now;
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.status_transitions.paid_at = now;
    for (const o of [pi, charge, ip, invoice]) sb.store.put(o);
    sb.emit('payment_intent.succeeded', sb.render(pi));
    sb.emit('charge.succeeded', sb.render(charge));
    sb.emit('invoice.paid', sb.render(invoice));
    sb.emit('invoice.payment_succeeded', sb.render(invoice));
    return;
  }
  pi.status = 'requires_payment_method';
  pi.last_payment_error = {
    charge: charge.id,
    code: 'insufficient_funds',
    doc_url: 'https://stripe.com/docs/error-codes/insufficient-funds',
    message: 'The account has insufficient funds to cover this payment.',
    payment_method: sb.render(sb.store.get(pi.payment_method)!),
    type: 'invalid_request_error',
  };
  charge.status = 'failed';
  charge.paid = false;
  charge.captured = false;
  charge.amount_captured = 0;
  charge.failure_code = 'insufficient_funds';
  charge.failure_message = 'The account has insufficient funds to cover this payment.';
  charge.outcome = {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: 'declined_by_network',
    reason: 'insufficient_funds',
    risk_level: 'not_assessed',
    seller_message: 'The bank returned the failure code `insufficient_funds`.',
    type: 'issuer_declined',
  };
  ip.status = 'canceled';
  ip.status_transitions.canceled_at = now;
  for (const o of [pi, charge, ip, invoice]) sb.store.put(o);
  sb.emit('charge.failed', sb.render(charge));
  sb.emit('payment_intent.payment_failed', sb.render(pi));
  // The invoice stays open (unpaid); the membership it started ends.
  sb.emit('invoice.payment_failed', sb.render(invoice));
  if (sub && sub.status !== 'canceled') cancelSubscriptionNow(sb, sub, 'payment_failed');
}
