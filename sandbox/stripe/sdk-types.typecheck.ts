/**
 * Type-level contract (compiled by `tsc --noEmit`, never run): the SDK calls the app makes
 * against the stand-in, assigned to the SDK's own types, using the fields the app relies on.
 * A wrong field name or a field that moved between API versions fails the type check.
 */
import Stripe from 'stripe';

export async function sdkTypesContract(stripe: Stripe, webhookSecret: string, rawBody: string, signature: string): Promise<void> {
  const product: Stripe.Product = await stripe.products.create({ name: 'Member', metadata: { tier: 'member' } });
  const price: Stripe.Price = await stripe.prices.create({
    product: product.id,
    currency: 'usd',
    unit_amount: 500,
    recurring: { interval: 'month' },
  });
  const interval: Stripe.Price.Recurring.Interval | undefined = price.recurring?.interval;
  const unitAmount: number | null = price.unit_amount;

  const customer: Stripe.Customer = await stripe.customers.create({ email: 'a@example.org', test_clock: 'clock_x' });
  const found: Stripe.ApiList<Stripe.Customer> = await stripe.customers.list({ email: 'a@example.org', limit: 1 });
  const existing: Stripe.Customer | Stripe.DeletedCustomer = await stripe.customers.retrieve(customer.id);
  if (!existing.deleted) {
    const defaultPm: string | Stripe.PaymentMethod | null = existing.invoice_settings.default_payment_method;
    void defaultPm;
  }

  // The referral reward (lib/referrals/reward.ts): a customer balance credit, applied to the next invoice.
  const credit: Stripe.CustomerBalanceTransaction = await stripe.customers.createBalanceTransaction(
    customer.id,
    { amount: -500, currency: 'usd', description: 'Referral reward: one free month', metadata: { referral_checkout: 'cs_x' } },
    { idempotencyKey: 'referral-reward:cs_x' },
  );
  const creditId: string = credit.id;
  const creditsOf: Stripe.ApiList<Stripe.CustomerBalanceTransaction> = await stripe.customers.listBalanceTransactions(customer.id);
  void creditId;
  void creditsOf;

  const session: Stripe.Checkout.Session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    client_reference_id: 'user_1',
    line_items: [
      { price: price.id, quantity: 1 },
      { price_data: { currency: 'eur', unit_amount: 700, recurring: { interval: 'year' }, product: product.id }, quantity: 1 },
    ],
    subscription_data: { metadata: { userId: 'user_1' } },
    metadata: { userId: 'user_1' },
    success_url: 'https://example.org/ok?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://example.org/cancel',
  });
  const url: string | null = session.url;
  const expanded: Stripe.Checkout.Session = await stripe.checkout.sessions.retrieve(session.id, {
    expand: ['subscription', 'customer', 'line_items'],
  });
  const status: Stripe.Checkout.Session.Status | null = expanded.status;
  const paymentStatus: Stripe.Checkout.Session.PaymentStatus = expanded.payment_status;
  const sessionSub: string | Stripe.Subscription | null = expanded.subscription;
  const lineItems: Stripe.ApiList<Stripe.LineItem> | undefined = expanded.line_items;
  const clientRef: string | null = expanded.client_reference_id;

  const sub: Stripe.Subscription = await stripe.subscriptions.retrieve('sub_x', { expand: ['latest_invoice'] });
  const item: Stripe.SubscriptionItem = sub.items.data[0]!;
  const periodEnd: number = item.current_period_end;
  const periodStart: number = item.current_period_start;
  const subStatus: Stripe.Subscription.Status = sub.status;
  const cancelAtPeriodEnd: boolean = sub.cancel_at_period_end;
  const cancelAt: number | null = sub.cancel_at;
  const itemPrice: Stripe.Price = item.price;
  const latest: string | Stripe.Invoice | null = sub.latest_invoice;
  const subCustomer: string | Stripe.Customer | Stripe.DeletedCustomer = sub.customer;
  const subs: Stripe.ApiList<Stripe.Subscription> = await stripe.subscriptions.list({ customer: customer.id, status: 'all' });
  const updated: Stripe.Subscription = await stripe.subscriptions.update(sub.id, {
    cancel_at_period_end: true,
    items: [{ id: item.id, price: price.id }],
    proration_behavior: 'create_prorations',
    metadata: { k: 'v' },
  });
  const canceled: Stripe.Subscription = await stripe.subscriptions.cancel(sub.id);

  const invoice: Stripe.Invoice = await stripe.invoices.retrieve('in_x', { expand: ['payments'] });
  const invoiceSub: string | Stripe.Subscription | undefined = invoice.parent?.subscription_details?.subscription;
  const hosted: string | null | undefined = invoice.hosted_invoice_url;
  const invStatus: Stripe.Invoice.Status | null = invoice.status;
  const amountPaid: number = invoice.amount_paid;
  const reason: Stripe.Invoice.BillingReason | null = invoice.billing_reason;
  const linePeriodEnd: number = invoice.lines.data[0]!.period.end;
  const payment: Stripe.InvoicePayment | undefined = invoice.payments?.data[0];
  const paymentIntentRef: string | Stripe.PaymentIntent | undefined = payment?.payment.payment_intent;
  const invoices: Stripe.ApiList<Stripe.Invoice> = await stripe.invoices.list({ customer: customer.id, subscription: sub.id });

  const pi: Stripe.PaymentIntent = await stripe.paymentIntents.retrieve('pi_x', { expand: ['latest_charge'] });
  const charge: string | Stripe.Charge | null = pi.latest_charge;
  const refund: Stripe.Refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 100 });
  const refundStatus: string | null = refund.status;

  const portal: Stripe.BillingPortal.Session = await stripe.billingPortal.sessions.create({
    customer: customer.id,
    return_url: 'https://example.org/account',
  });
  const portalUrl: string = portal.url;

  const clock: Stripe.TestHelpers.TestClock = await stripe.testHelpers.testClocks.create({ frozen_time: 1_700_000_000 });
  const advanced: Stripe.TestHelpers.TestClock = await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: 1_800_000_000 });
  const clockStatus: Stripe.TestHelpers.TestClock.Status = advanced.status;

  const endpoint: Stripe.WebhookEndpoint = await stripe.webhookEndpoints.create({ url: 'https://example.org/hook', enabled_events: ['*'] });
  const secret: string | undefined = endpoint.secret;

  const events: Stripe.ApiList<Stripe.Event> = await stripe.events.list({ type: 'invoice.paid', limit: 10 });
  const event: Stripe.Event = stripe.webhooks.constructEvent(rawBody, signature, webhookSecret);
  switch (event.type) {
    case 'checkout.session.completed': {
      const s: Stripe.Checkout.Session = event.data.object;
      void s.subscription;
      break;
    }
    case 'customer.subscription.updated': {
      const s: Stripe.Subscription = event.data.object;
      const prev: Partial<Stripe.Subscription> | undefined = event.data.previous_attributes;
      void s;
      void prev?.cancel_at_period_end;
      break;
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const inv: Stripe.Invoice = event.data.object;
      void inv.parent?.subscription_details?.subscription;
      break;
    }
    case 'charge.refunded': {
      const ch: Stripe.Charge = event.data.object;
      void ch.amount_refunded;
      break;
    }
    default:
      break;
  }
  const created: number = event.created;
  const requestId: string | null | undefined = event.request?.id;

  void [
    found,
    url,
    status,
    paymentStatus,
    sessionSub,
    lineItems,
    clientRef,
    periodEnd,
    periodStart,
    subStatus,
    cancelAtPeriodEnd,
    cancelAt,
    itemPrice,
    latest,
    subCustomer,
    subs,
    updated,
    canceled,
  ];
  void [
    invoiceSub,
    hosted,
    invStatus,
    amountPaid,
    reason,
    linePeriodEnd,
    paymentIntentRef,
    invoices,
    charge,
    refundStatus,
    portalUrl,
    clockStatus,
    secret,
    events,
    created,
    requestId,
    interval,
    unitAmount,
  ];
}
