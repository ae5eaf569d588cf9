/** The pure mappers: Stripe objects to mirror rows, and the emails a stored row calls for. */
import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import {
  checkoutRowFromSession,
  checkoutStatus,
  diff,
  invoiceEmailsFor,
  invoicePayments,
  invoiceRow,
  latestRefundAt,
  paymentRow,
  subscriptionEmailsFor,
  subscriptionIdOfInvoice,
  subscriptionRow,
} from './mappers';

const T = 1_780_000_000; // a Unix time
const at = (s: number) => new Date(s * 1000);

function subscription(over: Partial<Stripe.Subscription> = {}, item: Record<string, unknown> = {}): Stripe.Subscription {
  return {
    id: 'sub_1',
    customer: 'cus_1',
    status: 'active',
    currency: 'eur',
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    trial_end: null,
    start_date: T,
    metadata: { userId: 'u1', tierId: 't1' },
    items: {
      data: [
        {
          quantity: 2,
          current_period_start: T,
          current_period_end: T + 30 * 86400,
          price: { id: 'price_1', product: { id: 'prod_1' }, unit_amount: 500, recurring: { interval: 'year' } },
          ...item,
        },
      ],
    },
    ...over,
  } as unknown as Stripe.Subscription;
}

describe('subscriptionRow', () => {
  it('maps Stripe fields to columns: amount × quantity, instants from Unix seconds, links for the user and tier', () => {
    expect(subscriptionRow(subscription())).toEqual({
      ok: true,
      fields: {
        customerId: 'cus_1',
        status: 'active',
        stripePriceId: 'price_1',
        currency: 'eur',
        interval: 'YEAR',
        amount: 1000,
        currentPeriodStart: at(T),
        currentPeriodEnd: at(T + 30 * 86400),
        cancelAtPeriodEnd: false,
        canceledAt: null,
        endedAt: null,
        trialEnd: null,
        startedAt: at(T),
        pauseBehavior: null,
        pauseResumesAt: null,
      },
      links: { metadataUserId: 'u1', metadataTierId: 't1', productId: 'prod_1' },
    });
  });

  it('a cancel_at within the period counts as canceling, unless the subscription already ended', () => {
    const end = T + 30 * 86400;
    const within = subscriptionRow(subscription({ cancel_at: end }));
    expect(within.ok && within.fields.cancelAtPeriodEnd).toBe(true);
    const later = subscriptionRow(subscription({ cancel_at: end + 1 }));
    expect(later.ok && later.fields.cancelAtPeriodEnd).toBe(false);
    const ended = subscriptionRow(subscription({ cancel_at: end, status: 'canceled' }));
    expect(ended.ok && ended.fields.cancelAtPeriodEnd).toBe(false);
  });

  it('without a customer or items there is no row, and says why', () => {
    expect(subscriptionRow(subscription({ customer: null as unknown as string }))).toMatchObject({ ok: false, reason: 'no customer' });
    expect(subscriptionRow(subscription({ items: { data: [] } as unknown as Stripe.Subscription['items'] }))).toMatchObject({
      ok: false,
      reason: 'no items',
      customerId: 'cus_1',
      metadataUserId: 'u1',
    });
  });

  it('refuses prices that are neither monthly nor yearly', () => {
    expect(() => subscriptionRow(subscription({}, { price: { id: 'p_w', unit_amount: 1, recurring: { interval: 'week' } } }))).toThrow(
      /only monthly and yearly/,
    );
  });
});

describe('subscriptionEmailsFor', () => {
  const base = { status: 'active', cancelAtPeriodEnd: false, canceledAt: null, currentPeriodEnd: at(T) };
  it('a patron gets the welcome; canceling adds a confirmation keyed by when it was canceled', () => {
    expect(subscriptionEmailsFor('sub_1', base)).toEqual([{ kind: 'billing-welcome', subId: 'sub_1', reference: 'sub_1' }]);
    expect(subscriptionEmailsFor('sub_1', { ...base, status: 'trialing', cancelAtPeriodEnd: true, canceledAt: at(T - 5) })).toEqual([
      { kind: 'billing-welcome', subId: 'sub_1', reference: 'sub_1' },
      { kind: 'billing-cancellation-confirmed', subId: 'sub_1', reference: `sub_1:cancel:${T - 5}` },
    ]);
    expect(subscriptionEmailsFor('sub_1', { ...base, cancelAtPeriodEnd: true })[1]?.reference).toBe(`sub_1:cancel:${T}`);
  });
  it('an ended membership is announced once; past_due and incomplete call for nothing', () => {
    for (const status of ['canceled', 'unpaid'])
      expect(subscriptionEmailsFor('sub_1', { ...base, status })).toEqual([
        { kind: 'billing-membership-ended', subId: 'sub_1', reference: 'sub_1:ended' },
      ]);
    for (const status of ['past_due', 'incomplete']) expect(subscriptionEmailsFor('sub_1', { ...base, status })).toEqual([]);
  });
});

function invoice(over: Record<string, unknown> = {}): Stripe.Invoice {
  return {
    id: 'in_1',
    customer: { id: 'cus_1' },
    status: 'paid',
    currency: 'usd',
    amount_due: 500,
    amount_paid: 500,
    period_start: T - 100,
    period_end: T - 50,
    hosted_invoice_url: 'https://pay.example/in_1',
    status_transitions: { paid_at: T + 7 },
    created: T,
    lines: { data: [{ period: { start: T, end: T + 30 * 86400 } }] },
    parent: { subscription_details: { subscription: 'sub_1' } },
    payments: { data: [{ payment: { charge: 'ch_1' } }, { payment: { payment_intent: { id: 'pi_2' } } }] },
    ...over,
  } as unknown as Stripe.Invoice;
}

describe('invoiceRow', () => {
  it('takes the period from the first line, the refunds from its charges', () => {
    const charges = [{ amount_refunded: 200 }, { amount_refunded: 50 }] as Stripe.Charge[];
    expect(invoiceRow(invoice(), charges)).toEqual({
      customerId: 'cus_1',
      status: 'paid',
      currency: 'usd',
      amountDue: 500,
      amountPaid: 500,
      amountRefunded: 250,
      periodStart: at(T),
      periodEnd: at(T + 30 * 86400),
      hostedInvoiceUrl: 'https://pay.example/in_1',
      paidAt: at(T + 7),
      createdAt: at(T),
    });
  });
  it("falls back to the invoice's own period and 'draft'; no customer, no row", () => {
    expect(invoiceRow(invoice({ lines: { data: [] }, status: null, status_transitions: {} }), [])).toMatchObject({
      periodStart: at(T - 100),
      periodEnd: at(T - 50),
      status: 'draft',
      paidAt: null,
    });
    expect(invoiceRow(invoice({ customer: null }), [])).toBeNull();
  });
  it('names its subscription and the payments to fetch', () => {
    expect(subscriptionIdOfInvoice(invoice())).toBe('sub_1');
    expect(subscriptionIdOfInvoice(invoice({ parent: null }))).toBeNull();
    expect(invoicePayments(invoice())).toEqual([
      { chargeId: 'ch_1', paymentIntentId: null },
      { chargeId: null, paymentIntentId: 'pi_2' },
    ]);
  });
});

describe('invoiceEmailsFor', () => {
  it('a receipt for a paid renewal only; the first payment is covered by the welcome', () => {
    expect(invoiceEmailsFor({ status: 'paid', amountPaid: 500 }, 'subscription_cycle', { receipt: true })).toEqual(['billing-receipt']);
    expect(invoiceEmailsFor({ status: 'paid', amountPaid: 500 }, 'subscription_create', { receipt: true })).toEqual([]);
    expect(invoiceEmailsFor({ status: 'paid', amountPaid: 0 }, 'subscription_cycle', { receipt: true })).toEqual([]);
    expect(invoiceEmailsFor({ status: 'paid', amountPaid: 500 }, 'subscription_cycle', {})).toEqual([]);
  });
  it('"payment failed" only while the stored invoice is still open (a newer fetch saw it paid: nothing)', () => {
    expect(invoiceEmailsFor({ status: 'open', amountPaid: 0 }, 'subscription_cycle', { failedNotice: true })).toEqual([
      'billing-payment-failed',
    ]);
    expect(invoiceEmailsFor({ status: 'paid', amountPaid: 500 }, 'subscription_cycle', { failedNotice: true })).toEqual([]);
  });
});

describe('paymentRow and latestRefundAt', () => {
  const charge = (over: Record<string, unknown>) =>
    ({
      id: 'ch_1',
      customer: 'cus_1',
      amount: 500,
      amount_refunded: 0,
      refunded: false,
      currency: 'usd',
      status: 'succeeded',
      created: T,
      ...over,
    }) as unknown as Stripe.Charge;
  it('status says how much was refunded', () => {
    expect(paymentRow(charge({}))).toEqual({
      customerId: 'cus_1',
      amount: 500,
      amountRefunded: 0,
      currency: 'usd',
      status: 'succeeded',
      createdAt: at(T),
    });
    expect(paymentRow(charge({ amount_refunded: 200 })).status).toBe('partially_refunded');
    expect(paymentRow(charge({ amount_refunded: 500, refunded: true })).status).toBe('refunded');
    expect(paymentRow(charge({ status: 'failed' })).status).toBe('failed');
  });
  it('the latest refund time, when the refunds came with the charge', () => {
    expect(latestRefundAt(charge({ refunds: { data: [{ created: T + 5 }, { created: T + 9 }, { created: T + 1 }] } }))).toEqual(at(T + 9));
    expect(latestRefundAt(charge({}))).toBeNull();
  });
});

describe('checkout sessions', () => {
  it('Stripe status to ours', () => {
    expect(checkoutStatus({ status: 'complete' })).toBe('COMPLETED');
    expect(checkoutStatus({ status: 'expired' })).toBe('EXPIRED');
    expect(checkoutStatus({ status: 'open' })).toBe('OPEN');
    expect(checkoutStatus({ status: null })).toBe('OPEN');
  });
  it('a session we did not record keeps what Stripe knows', () => {
    const now = at(T + 60);
    const s = {
      id: 'cs_1',
      mode: 'payment',
      status: 'complete',
      currency: null,
      amount_total: 1500,
      subscription: null,
      metadata: { interval: 'YEAR', from: 'a-story', placement: '', round: 'r1' },
    } as unknown as Stripe.Checkout.Session;
    expect(checkoutRowFromSession(s, 'u1', 't1', now)).toEqual({
      id: 'cs_1',
      userId: 'u1',
      mode: 'payment',
      tierId: 't1',
      currency: 'usd',
      interval: 'YEAR',
      amount: 1500,
      fromArticle: 'a-story',
      placement: null,
      fromRound: 'r1',
      campaignId: null,
      status: 'COMPLETED',
      subscriptionId: null,
      completedAt: now,
    });
    // The campaign the checkout started under travels in its metadata; anything not shaped like an id is dropped.
    const campaign = 'clx0campaign0000000000001';
    expect(checkoutRowFromSession({ ...s, metadata: { campaign } } as unknown as Stripe.Checkout.Session, 'u1', 't1', now).campaignId).toBe(
      campaign,
    );
    expect(
      checkoutRowFromSession({ ...s, metadata: { campaign: "x'; DROP" } } as unknown as Stripe.Checkout.Session, 'u1', 't1', now)
        .campaignId,
    ).toBeNull();
    expect(
      checkoutRowFromSession(
        { ...s, status: 'open', subscription: { id: 'sub_9' }, metadata: {} } as unknown as Stripe.Checkout.Session,
        'u1',
        null,
        now,
      ),
    ).toMatchObject({
      status: 'OPEN',
      completedAt: null,
      interval: null,
      subscriptionId: 'sub_9',
    });
  });
});

describe('diff', () => {
  it('dates compare by instant; no previous row means every field changed', () => {
    expect(diff({ a: 1, d: at(T) }, { a: 1, d: at(T) })).toEqual([]);
    expect(diff({ a: 1, d: at(T) }, { a: 2, d: at(T + 1) })).toEqual(['a', 'd']);
    expect(diff(null, { a: 1, b: 2 })).toEqual(['a', 'b']);
  });
});
