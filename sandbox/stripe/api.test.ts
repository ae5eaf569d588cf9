/** API behaviour through the official SDK: catalog, errors, idempotency, pagination, refunds, persistence. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeSandbox } from './server.ts';
import { payWithForm, startReceiver, startWithClient, type Receiver } from './helpers.ts';

let sandbox: StripeSandbox;
let stripe: Stripe;

beforeAll(async () => {
  ({ sandbox, stripe } = await startWithClient());
});
afterAll(async () => {
  await sandbox.close();
});

describe('catalog', () => {
  it('creates a product with monthly prices in USD and EUR, and filters lists', async () => {
    const product = await stripe.products.create({ name: 'Supporter', metadata: { tier: 'supporter' } });
    expect(product.id).toMatch(/^prod_[A-Za-z0-9]{14,24}$/);
    const usd = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500, recurring: { interval: 'month' } });
    const eur = await stripe.prices.create({ product: product.id, currency: 'eur', unit_amount: 450, recurring: { interval: 'year' } });
    expect(usd).toMatchObject({
      object: 'price',
      currency: 'usd',
      unit_amount: 500,
      type: 'recurring',
      recurring: { interval: 'month', interval_count: 1 },
    });
    expect(eur.recurring?.interval).toBe('year');
    const list = await stripe.prices.list({ product: product.id });
    expect(list.data.map((p) => p.id).sort()).toEqual([usd.id, eur.id].sort());
    await stripe.prices.update(eur.id, { active: false, metadata: { retired: 'yes' } });
    const active = await stripe.prices.list({ product: product.id, active: true });
    expect(active.data.map((p) => p.id)).toEqual([usd.id]);
    const withProduct = await stripe.prices.retrieve(usd.id, { expand: ['product'] });
    expect((withProduct.product as Stripe.Product).name).toBe('Supporter');
  });

  it('creates a one-time price with inline product_data', async () => {
    const price = await stripe.prices.create({ currency: 'usd', unit_amount: 1200, product_data: { name: 'Gift' } });
    expect(price.type).toBe('one_time');
    expect(price.recurring).toBeNull();
    expect(String(price.product)).toMatch(/^prod_/);
  });
});

describe('customers', () => {
  it('creates, updates (metadata merge/unset), filters by email and deletes', async () => {
    const c = await stripe.customers.create({ email: 'reader@example.org', name: 'Reader', metadata: { a: '1', b: '2' } });
    expect(c.id).toMatch(/^cus_[A-Za-z0-9]{14,24}$/);
    const u = await stripe.customers.update(c.id, { metadata: { a: '', c: '3' } });
    expect(u.metadata).toEqual({ b: '2', c: '3' });
    const found = await stripe.customers.list({ email: 'reader@example.org' });
    expect(found.data.map((x) => x.id)).toEqual([c.id]);
    const del = await stripe.customers.del(c.id);
    expect(del).toMatchObject({ id: c.id, deleted: true });
    const again = await stripe.customers.retrieve(c.id);
    expect(again.deleted).toBe(true);
  });
});

describe('errors', () => {
  it('400 invalid_request_error with param for a missing required param', async () => {
    const err = await stripe.prices.create({ currency: 'usd', unit_amount: 100 } as Stripe.PriceCreateParams).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const e = err as Stripe.errors.StripeInvalidRequestError;
    expect(e.statusCode).toBe(400);
    expect(e.type).toBe('StripeInvalidRequestError');
    expect(e.raw).toMatchObject({ type: 'invalid_request_error', code: 'parameter_missing', param: 'product' });
    const e2 = (await stripe.checkout.sessions
      .create({ line_items: [] } as unknown as Stripe.Checkout.SessionCreateParams)
      .catch((x: unknown) => x)) as Stripe.errors.StripeError;
    expect(e2.param).toBe('mode');
  });

  it('404 resource_missing for an unknown id', async () => {
    const e = (await stripe.subscriptions.retrieve('sub_doesnotexist').catch((x: unknown) => x)) as Stripe.errors.StripeError;
    expect(e).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(e.statusCode).toBe(404);
    expect(e.code).toBe('resource_missing');
    expect(e.message).toContain('sub_doesnotexist');
  });

  it('401 StripeAuthenticationError with a wrong or missing key', async () => {
    const wrong = new Stripe('sk_test_wrong', { host: '127.0.0.1', port: sandbox.port, protocol: 'http', maxNetworkRetries: 0 });
    const e = await wrong.customers.list().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const res = await fetch(`${sandbox.url}/v1/customers`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('every response carries a Request-Id header', async () => {
    const res = await fetch(`${sandbox.url}/v1/customers`, {
      headers: { Authorization: `Bearer ${sandbox.secretKey}`, 'Stripe-Version': '2026-10-28.endive' },
    });
    expect(res.headers.get('request-id')).toMatch(/^req_/);
  });
});

describe('idempotency', () => {
  it('replays the first response byte-for-byte and creates nothing', async () => {
    const email = `idem-${Date.now()}@example.org`;
    const key = `idem-${Math.random()}`;
    const a = await stripe.customers.create({ email }, { idempotencyKey: key });
    const b = await stripe.customers.create({ email }, { idempotencyKey: key });
    expect(b.id).toBe(a.id);
    const list = await stripe.customers.list({ email });
    expect(list.data).toHaveLength(1);
    const headers = {
      Authorization: `Bearer ${sandbox.secretKey}`,
      'Idempotency-Key': key,
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    const raw1 = await fetch(`${sandbox.url}/v1/customers`, { method: 'POST', headers, body: `email=${encodeURIComponent(email)}` });
    expect(raw1.headers.get('idempotent-replayed')).toBe('true');
    const body1 = await raw1.text();
    const raw2 = await fetch(`${sandbox.url}/v1/customers`, { method: 'POST', headers, body: `email=${encodeURIComponent(email)}` });
    expect(await raw2.text()).toBe(body1);
    const conflict = await stripe.customers.create({ email: 'other@example.org' }, { idempotencyKey: key }).catch((x: unknown) => x);
    expect(conflict).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });
});

describe('pagination', () => {
  it('pages with limit / starting_after / ending_before / has_more', async () => {
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await stripe.customers.create({ test_clock: clock.id, email: `p${i}@example.org` })).id);
    const newestFirst = [...ids].reverse();
    const p1 = await stripe.customers.list({ test_clock: clock.id, limit: 2 } as Stripe.CustomerListParams);
    expect(p1.object).toBe('list');
    expect(p1.url).toBe('/v1/customers');
    expect(p1.data.map((c) => c.id)).toEqual(newestFirst.slice(0, 2));
    expect(p1.has_more).toBe(true);
    const p2 = await stripe.customers.list({ test_clock: clock.id, limit: 2, starting_after: p1.data[1]!.id } as Stripe.CustomerListParams);
    expect(p2.data.map((c) => c.id)).toEqual(newestFirst.slice(2, 4));
    const p3 = await stripe.customers.list({ test_clock: clock.id, limit: 2, starting_after: p2.data[1]!.id } as Stripe.CustomerListParams);
    expect(p3.data.map((c) => c.id)).toEqual(newestFirst.slice(4));
    expect(p3.has_more).toBe(false);
    const back = await stripe.customers.list({
      test_clock: clock.id,
      limit: 2,
      ending_before: p3.data[0]!.id,
    } as Stripe.CustomerListParams);
    expect(back.data.map((c) => c.id)).toEqual(newestFirst.slice(2, 4));
    const all: string[] = [];
    for await (const c of stripe.customers.list({ test_clock: clock.id, limit: 2 } as Stripe.CustomerListParams)) all.push(c.id);
    expect(all).toEqual(newestFirst);
  });
});

describe('payments, refunds and webhook endpoints', () => {
  let receiver: Receiver;
  let endpointSecret = '';
  afterAll(async () => {
    await receiver?.close();
  });

  it('one-off payment checkout, partial and full refund → charge.refunded', async () => {
    receiver = await startReceiver(() => endpointSecret);
    const we = await stripe.webhookEndpoints.create({
      url: receiver.url,
      enabled_events: ['checkout.session.completed', 'charge.refunded', 'payment_intent.succeeded'],
    });
    expect(we.secret).toMatch(/^whsec_/);
    endpointSecret = we.secret!;
    expect((await stripe.webhookEndpoints.list()).data.map((w) => w.id)).toContain(we.id);

    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      customer_email: 'donor@example.org',
      line_items: [{ price_data: { currency: 'eur', unit_amount: 2500, product_data: { name: 'One-off donation' } }, quantity: 1 }],
      success_url: 'https://news.example/thanks?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://news.example/donate',
      metadata: { kind: 'donation' },
    });
    expect(session.amount_total).toBe(2500);
    const paid = await payWithForm(session.url!, { number: '4242424242424242' });
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`https://news.example/thanks?session=${session.id}`);
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.latest_charge'] });
    expect(done.status).toBe('complete');
    expect(done.payment_status).toBe('paid');
    const pi = done.payment_intent as Stripe.PaymentIntent;
    expect(pi.status).toBe('succeeded');
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge.amount).toBe(2500);

    const partial = await stripe.refunds.create({ charge: charge.id, amount: 1000 });
    expect(partial).toMatchObject({ object: 'refund', amount: 1000, status: 'succeeded', charge: charge.id });
    const tooMuch = (await stripe.refunds
      .create({ payment_intent: pi.id, amount: 99999 })
      .catch((x: unknown) => x)) as Stripe.errors.StripeError;
    expect(tooMuch.param).toBe('amount');
    await stripe.refunds.create({ payment_intent: pi.id });
    const after = await stripe.charges.retrieve(charge.id);
    expect(after.refunded).toBe(true);
    expect(after.amount_refunded).toBe(2500);
    expect(after.refunds?.data).toHaveLength(2);

    await sandbox.deliveriesSettled();
    const refunded = receiver.events.filter((e) => e.type === 'charge.refunded');
    expect(refunded).toHaveLength(2);
    const last = refunded[1]!.data as Stripe.ChargeRefundedEvent.Data;
    expect(last.object.refunded).toBe(true);
    expect(last.previous_attributes?.amount_refunded).toBe(1000);
    expect(receiver.events.map((e) => e.type)).toContain('checkout.session.completed');
    expect(
      receiver.events.every((e) => ['checkout.session.completed', 'charge.refunded', 'payment_intent.succeeded'].includes(e.type)),
    ).toBe(true);
    await stripe.webhookEndpoints.del(we.id);
  });
});

describe('persistence', () => {
  it('keeps customers across a restart with the same persistPath', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stripe-sandbox-'));
    const file = path.join(dir, 'state.json');
    try {
      const first = await startWithClient({ persistPath: file });
      const c = await first.stripe.customers.create({ email: 'kept@example.org' });
      await first.sandbox.close();
      const second = await startWithClient({ persistPath: file });
      const again = await second.stripe.customers.retrieve(c.id);
      expect((again as Stripe.Customer).email).toBe('kept@example.org');
      // Lists read the per-type index, rebuilt from the reloaded state.
      expect((await second.stripe.customers.list()).data.map((x) => x.id)).toEqual([c.id]);
      await second.sandbox.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
