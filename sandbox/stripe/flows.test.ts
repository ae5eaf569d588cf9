/**
 * End-to-end flows: hosted checkout in Chromium, signed webhooks, test-clock renewals
 * (monthly, yearly, failing card), declines, and the customer portal.
 */
import { existsSync } from 'node:fs';
import Stripe from 'stripe';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSandbox } from './server.ts';
import { addPeriods } from './billing.ts';
import { advanceClock, payWithForm, postForm, startReceiver, startWithClient, type Receiver } from './helpers.ts';

const WEBHOOK_SECRET = 'whsec_flows_test';
let sandbox: StripeSandbox;
let stripe: Stripe;
let receiver: Receiver;
let monthlyUsd: Stripe.Price;
let yearlyUsd: Stripe.Price;
let product: Stripe.Product;

beforeAll(async () => {
  receiver = await startReceiver(WEBHOOK_SECRET);
  ({ sandbox, stripe } = await startWithClient({ webhookUrl: receiver.url, webhookSecret: WEBHOOK_SECRET }));
  product = await stripe.products.create({ name: 'Patronage Member' });
  monthlyUsd = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500, recurring: { interval: 'month' } });
  yearlyUsd = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 5000, recurring: { interval: 'year' } });
});
afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

function eventsFor(pred: (e: Stripe.Event) => boolean): Stripe.Event[] {
  return receiver.events.filter(pred);
}
const objectOf = (e: Stripe.Event) => e.data.object as unknown as { id: string; customer?: string; subscription?: string };

async function subscribe(customer: Stripe.Customer, price: Stripe.Price, card = '4242424242424242'): Promise<Stripe.Subscription> {
  const s = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: price.id, quantity: 1 }],
    success_url: 'https://news.example/welcome?session_id={CHECKOUT_SESSION_ID}',
  });
  const r = await payWithForm(s.url!, { number: card });
  expect(r.status).toBe(303);
  const done = await stripe.checkout.sessions.retrieve(s.id, { expand: ['subscription'] });
  return done.subscription as Stripe.Subscription;
}

describe('hosted checkout in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
    browser = await chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('declines 9995, then pays with 4242 and delivers signed webhooks in order', async () => {
    const customer = await stripe.customers.create({ email: 'browser@example.org', name: 'Browser Reader' });
    const appUrl = receiver.url.replace('/webhooks/stripe', '');
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      client_reference_id: 'user_42',
      metadata: { userId: 'user_42' },
      subscription_data: { metadata: { userId: 'user_42' } },
      line_items: [{ price: monthlyUsd.id, quantity: 1 }],
      success_url: `${appUrl}/members/welcome?session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${appUrl}/join`,
    });
    expect(session.url).toBe(`${sandbox.url}/checkout/${session.id}`);
    const page = await browser.newPage();
    await page.goto(session.url!);
    expect(await page.getByText('TEST MODE — local Stripe stand-in').isVisible()).toBe(true);
    const text = await page.textContent('body');
    expect(text).toContain('Patronage Member');
    expect(text).toContain('$5.00 per month');
    expect(await page.getByRole('link', { name: 'Cancel' }).getAttribute('href')).toBe(`${appUrl}/join`);

    // Declined card: error shown, session stays open, nothing created.
    await page.getByLabel('Card number').fill('4000 0000 0000 9995');
    await page.getByLabel('Expiry (MM / YY)').fill('12 / 34');
    await page.getByLabel('CVC').fill('123');
    await page.getByLabel('Cardholder name').fill('Browser Reader');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('insufficient funds');
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);

    // Good card.
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('CVC').fill('123');
    await Promise.all([page.waitForURL(/\/members\/welcome/), page.getByRole('button', { name: 'Subscribe' }).click()]);
    expect(page.url()).toBe(`${appUrl}/members/welcome?session_id=${session.id}`);
    await page.close();

    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription', 'line_items'] });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', customer: customer.id, client_reference_id: 'user_42' });
    const sub = done.subscription as Stripe.Subscription;
    expect(sub.status).toBe('active');
    expect(sub.metadata).toEqual({ userId: 'user_42' });
    expect(sub.items.data[0]!.price.id).toBe(monthlyUsd.id);
    expect(sub.items.data[0]!.current_period_end).toBe(addPeriods(sub.items.data[0]!.current_period_start, 'month', 1, 1));
    expect(done.line_items?.data[0]?.price?.id).toBe(monthlyUsd.id);

    await receiver.waitFor((ev) => ev.some((e) => e.type === 'invoice.paid' && objectOf(e).customer === customer.id));
    await sandbox.deliveriesSettled();
    const mine = eventsFor((e) => {
      const o = objectOf(e);
      return o.customer === customer.id || o.id === customer.id;
    }).map((e) => e.type);
    const expected = [
      'checkout.session.completed',
      'customer.subscription.created',
      'invoice.created',
      'invoice.finalized',
      'invoice.paid',
      'invoice.payment_succeeded',
      'payment_intent.succeeded',
      'charge.succeeded',
    ];
    expect(mine.filter((t) => expected.includes(t))).toEqual(expected);
    const completed = eventsFor((e) => e.type === 'checkout.session.completed' && objectOf(e).id === session.id)[0]!;
    const cs = completed.data.object as Stripe.Checkout.Session;
    expect(cs.subscription).toBe(sub.id);
    expect(completed).toMatchObject({ object: 'event', livemode: false, api_version: '2026-10-28.endive' });
    const paid = eventsFor((e) => e.type === 'invoice.paid' && objectOf(e).customer === customer.id)[0]!.data.object as Stripe.Invoice;
    expect(paid.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(paid.status).toBe('paid');
    expect(receiver.rejected).toBe(0);
  });
});

describe('hosted checkout form validation (plain HTTP)', () => {
  it('shows errors for invalid number / expiry and 9995, session stays open', async () => {
    const s = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: monthlyUsd.id, quantity: 1 }],
      success_url: 'https://news.example/ok',
    });
    const html = await (await fetch(s.url!)).text();
    expect(html).toContain('TEST MODE — local Stripe stand-in');
    expect(html).toMatch(/<label for="email">Email<\/label>/);
    const bad = await payWithForm(s.url!, { number: '4242 4242 4242 4241', email: 'x@example.org' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Your card number is invalid.');
    const expired = await payWithForm(s.url!, { number: '4242424242424242', exp: '01 / 20', email: 'x@example.org' });
    expect(expired.html).toContain('expiration year is in the past');
    const declined = await payWithForm(s.url!, { number: '4000000000009995', email: 'x@example.org' });
    expect(declined.status).toBe(402);
    expect(declined.html).toContain('insufficient funds');
    expect((await stripe.checkout.sessions.retrieve(s.id)).status).toBe('open');
    const ok = await payWithForm(s.url!, { number: '4242424242424242', email: 'new@example.org' });
    expect(ok.location).toBe('https://news.example/ok');
    const done = await stripe.checkout.sessions.retrieve(s.id, { expand: ['customer'] });
    expect((done.customer as Stripe.Customer).email).toBe('new@example.org');
  });

  it('accepts price_data for pay-what-you-want amounts (EUR)', async () => {
    const s = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer_email: 'pwyw@example.org',
      line_items: [
        { price_data: { currency: 'eur', unit_amount: 1234, recurring: { interval: 'month' }, product: product.id }, quantity: 1 },
      ],
      success_url: 'https://news.example/ok',
    });
    expect(s.currency).toBe('eur');
    const html = await (await fetch(s.url!)).text();
    expect(html).toContain('€12.34 per month');
    await payWithForm(s.url!, { number: '4242424242424242' });
    const sub = (await stripe.checkout.sessions.retrieve(s.id, { expand: ['subscription'] })).subscription as Stripe.Subscription;
    expect(sub.items.data[0]!.price.unit_amount).toBe(1234);
    expect(sub.currency).toBe('eur');
  });
});

describe('test clocks: renewals and dunning', () => {
  it('renews monthly and yearly subscriptions; the 0341 card fails → past_due → canceled', async () => {
    const t0 = Math.floor(Date.UTC(2031, 0, 15, 12) / 1000);
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: t0, name: 'renewals' });
    const monthlyCus = await stripe.customers.create({ email: 'monthly@example.org', test_clock: clock.id });
    const yearlyCus = await stripe.customers.create({ email: 'yearly@example.org', test_clock: clock.id });
    const failingCus = await stripe.customers.create({ email: 'failing@example.org', test_clock: clock.id });
    const monthly = await subscribe(monthlyCus, monthlyUsd);
    const yearly = await subscribe(yearlyCus, yearlyUsd);
    const failing = await subscribe(failingCus, monthlyUsd, '4000000000000341');
    expect(monthly.items.data[0]!.current_period_start).toBe(t0);
    expect(failing.status).toBe('active');

    // Step 1: just past the first monthly boundary.
    await advanceClock(stripe, clock.id, addPeriods(t0, 'month', 1, 1) + 86_400);
    const f1 = await stripe.subscriptions.retrieve(failing.id);
    expect(f1.status).toBe('past_due');
    const failedInv = (await stripe.invoices.list({ subscription: failing.id })).data[0]!;
    expect(failedInv.status).toBe('open');
    expect(failedInv.attempt_count).toBe(1);
    expect(failedInv.next_payment_attempt).toBe(addPeriods(t0, 'month', 1, 1) + 3 * 86_400);

    // Step 2: a year and a month.
    const target = addPeriods(t0, 'month', 13, 1);
    const ready = await advanceClock(stripe, clock.id, target);
    expect(ready.frozen_time).toBe(target);

    const monthlyInvoices = await stripe.invoices.list({ subscription: monthly.id, limit: 100 });
    expect(monthlyInvoices.data).toHaveLength(14);
    expect(monthlyInvoices.data.every((i) => i.status === 'paid')).toBe(true);
    expect(monthlyInvoices.data.filter((i) => i.billing_reason === 'subscription_cycle')).toHaveLength(13);
    const m = await stripe.subscriptions.retrieve(monthly.id);
    expect(m.status).toBe('active');
    expect(m.items.data[0]!.current_period_start).toBe(target);
    expect(m.items.data[0]!.current_period_end).toBe(addPeriods(t0, 'month', 14, 1));

    const yearlyInvoices = await stripe.invoices.list({ subscription: yearly.id });
    expect(yearlyInvoices.data).toHaveLength(2);
    const y = await stripe.subscriptions.retrieve(yearly.id);
    expect(y.items.data[0]!.current_period_end).toBe(addPeriods(t0, 'year', 2, 1));

    const f2 = await stripe.subscriptions.retrieve(failing.id);
    expect(f2.status).toBe('canceled');
    const failedAgain = await stripe.invoices.retrieve(failedInv.id, { expand: ['payments'] });
    expect(failedAgain.status).toBe('uncollectible');
    expect(failedAgain.attempt_count).toBe(4);
    expect(failedAgain.payments?.data).toHaveLength(4);

    const hosted = await fetch(monthlyInvoices.data[0]!.hosted_invoice_url!);
    expect(hosted.status).toBe(200);

    await sandbox.deliveriesSettled();
    const failedEvents = eventsFor((e) => e.type === 'invoice.payment_failed' && objectOf(e).customer === failingCus.id);
    expect(failedEvents.length).toBe(4);
    const pastDue = eventsFor(
      (e) =>
        e.type === 'customer.subscription.updated' &&
        objectOf(e).id === failing.id &&
        (e.data.object as Stripe.Subscription).status === 'past_due',
    );
    expect(pastDue).toHaveLength(1);
    expect((pastDue[0]!.data.previous_attributes as Partial<Stripe.Subscription>).status).toBe('active');
    expect(eventsFor((e) => e.type === 'customer.subscription.deleted' && objectOf(e).id === failing.id)).toHaveLength(1);
    expect(eventsFor((e) => e.type === 'test_helpers.test_clock.ready').length).toBeGreaterThanOrEqual(2);
    const renewalPaid = eventsFor((e) => e.type === 'invoice.paid' && objectOf(e).customer === monthlyCus.id);
    expect(renewalPaid).toHaveLength(14);
    // Events of clock customers carry the clock's time.
    expect(renewalPaid.at(-1)!.created).toBe(target);
  });
});

describe('customer portal', () => {
  it('cancel at period end, resume, switch price, update card — with events', async () => {
    const customer = await stripe.customers.create({ email: 'portal@example.org' });
    const sub = await subscribe(customer, monthlyUsd);
    const otherProduct = await stripe.products.create({ name: 'Patronage Champion' });
    const champion = await stripe.prices.create({
      product: otherProduct.id,
      currency: 'usd',
      unit_amount: 1500,
      recurring: { interval: 'month' },
    });
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'https://news.example/account' });
    expect(portal.url).toBe(`${sandbox.url}/portal/${portal.id}`);
    const html = await (await fetch(portal.url)).text();
    expect(html).toContain('TEST MODE — local Stripe stand-in');
    expect(html).toContain('Return to news.example');
    expect(html).toContain('Patronage Member');
    expect(html).toContain('<optgroup label="Patronage Champion">');
    expect(html).toContain('Invoice history');

    const base = portal.url;
    const cancel = await postForm(`${base}/subscriptions/${sub.id}/cancel`);
    expect(cancel.status).toBe(303);
    const canceled = await stripe.subscriptions.retrieve(sub.id);
    expect(canceled.cancel_at_period_end).toBe(true);
    expect(canceled.cancel_at).toBe(canceled.items.data[0]!.current_period_end);
    expect(await (await fetch(base)).text()).toContain('Cancels on');

    await postForm(`${base}/subscriptions/${sub.id}/resume`);
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);

    await postForm(`${base}/subscriptions/${sub.id}/switch`, { price: champion.id });
    const switched = await stripe.subscriptions.retrieve(sub.id);
    expect(switched.items.data[0]!.price.id).toBe(champion.id);

    await postForm(`${base}/subscriptions/${sub.id}/switch`, { price: yearlyUsd.id });
    const yearly = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(yearly.items.data[0]!.price.recurring?.interval).toBe('year');
    expect((yearly.latest_invoice as Stripe.Invoice).billing_reason).toBe('subscription_update');

    const declined = await postForm(`${base}/payment-method`, { cardnumber: '4000000000009995', exp: '12/34', cvc: '123', name: 'P' });
    expect(declined.html).toContain('insufficient funds');
    const updated = await postForm(`${base}/payment-method`, { cardnumber: '5555555555554444', exp: '12/34', cvc: '123', name: 'P' });
    expect(updated.status).toBe(303);
    const cus = (await stripe.customers.retrieve(customer.id, { expand: ['invoice_settings.default_payment_method'] })) as Stripe.Customer;
    expect((cus.invoice_settings.default_payment_method as Stripe.PaymentMethod).card?.last4).toBe('4444');

    await sandbox.deliveriesSettled();
    const updates = eventsFor((e) => e.type === 'customer.subscription.updated' && objectOf(e).id === sub.id);
    const prev = updates.map((e) => e.data.previous_attributes as Partial<Stripe.Subscription>);
    expect(prev[0]!.cancel_at_period_end).toBe(false);
    expect((updates[0]!.data.object as Stripe.Subscription).cancel_at_period_end).toBe(true);
    expect(prev[1]!.cancel_at_period_end).toBe(true);
    expect(prev[2]!.items?.data[0]?.price.id).toBe(monthlyUsd.id);
  });
});
