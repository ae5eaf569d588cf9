/**
 * Webhooks end to end against the local Stripe stand-in: live delivery, duplicates, reverse order,
 * a handler failing midway then retried, forged signatures. Runs on PGlite, or PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { POST } from '@/app/api/stripe/webhook/route';
import { startBillingHarness, payCheckout, webhookRequest, type BillingHarness, type RecordedDelivery } from '../testing';
import { patronStatus } from '../patron-status';

const USER_ID = 'user_reader_1';
const TIER_ID = 'tier_friend';

type Fixture = { priceId: string; productId: string; customerId: string; sessionId: string; subscriptionId: string };

async function seed(prisma: PrismaClient, f: Pick<Fixture, 'priceId' | 'productId' | 'customerId' | 'sessionId'>): Promise<void> {
  await prisma.user.create({ data: { id: USER_ID, email: 'reader@example.com', name: 'Rea <Der>' } });
  await prisma.tier.create({
    data: {
      id: TIER_ID,
      slug: 'friend',
      name: 'Friend',
      stripeProductId: f.productId,
      prices: { create: { currency: 'usd', interval: 'MONTH', amount: 500, stripePriceId: f.priceId } },
    },
  });
  await prisma.stripeCustomer.create({ data: { userId: USER_ID, customerId: f.customerId } });
  await prisma.checkout.create({
    data: {
      id: f.sessionId,
      userId: USER_ID,
      mode: 'subscription',
      tierId: TIER_ID,
      currency: 'usd',
      interval: 'MONTH',
      amount: 500,
      fromArticle: 'a-story',
      placement: 'inline',
    },
  });
}

async function snapshot(prisma: PrismaClient) {
  const strip = <T extends Record<string, unknown>>(rows: T[], keys: string[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));
  return {
    subscriptions: strip(await prisma.subscription.findMany({ orderBy: { id: 'asc' } }), ['syncedAt', 'fetchedAt']),
    invoices: strip(await prisma.invoice.findMany({ orderBy: { id: 'asc' } }), ['syncedAt', 'fetchedAt']),
    payments: strip(await prisma.payment.findMany({ orderBy: { id: 'asc' } }), ['syncedAt', 'fetchedAt']),
    checkouts: strip(await prisma.checkout.findMany({ orderBy: { id: 'asc' } }), ['createdAt', 'completedAt']),
    customers: strip(await prisma.stripeCustomer.findMany({ orderBy: { userId: 'asc' } }), ['createdAt']),
    emails: (await prisma.email.findMany({ orderBy: [{ kind: 'asc' }, { text: 'asc' }] })).map((e) => ({
      kind: e.kind,
      to: e.to,
      subject: e.subject,
      text: e.text,
    })),
    events: (await prisma.stripeEvent.findMany({ orderBy: { id: 'asc' } })).map((e) => ({
      id: e.id,
      type: e.type,
      processed: e.processedAt !== null,
    })),
  };
}

async function deliver(d: RecordedDelivery): Promise<Response> {
  return POST(webhookRequest(d.body, d.signature));
}

async function deliverAll(list: RecordedDelivery[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const d of list) statuses.push((await deliver(d)).status);
  return statuses;
}

let h: BillingHarness;
let fx: Fixture;
let live: TestDb;
let liveSnapshot: Awaited<ReturnType<typeof snapshot>>;
let events: RecordedDelivery[];

beforeAll(async () => {
  h = await startBillingHarness();
  const product = await h.stripe.products.create({ name: 'Friend' });
  const price = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500, recurring: { interval: 'month' } });
  const customer = await h.stripe.customers.create({ email: 'reader@example.com', metadata: { userId: USER_ID } });
  const session = await h.stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    client_reference_id: USER_ID,
    line_items: [{ price: price.id, quantity: 1 }],
    metadata: { userId: USER_ID, tierId: TIER_ID, from: 'a-story', placement: 'inline' },
    subscription_data: { metadata: { userId: USER_ID, tierId: TIER_ID, from: 'a-story', placement: 'inline' } },
    success_url: 'http://patronage.test/support/success?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://patronage.test/support',
  });
  fx = { priceId: price.id, productId: product.id, customerId: customer.id, sessionId: session.id, subscriptionId: '' };

  // Live: the stand-in delivers every event to the route as it happens.
  live = await createTestDb();
  await seed(live.prisma, fx);
  await h.settle();
  h.onDelivery = async (d) => (await deliver(d)).status;
  await deliverAll(h.events()); // product/price/customer events sent before the hook was live

  const paid = await payCheckout(session.url!);
  expect(paid.status).toBe(303);
  await h.settle();
  const sub = (await h.stripe.subscriptions.list({ customer: customer.id, status: 'all' })).data[0]!;
  fx.subscriptionId = sub.id;
  expect(await patronStatus(USER_ID)).toMatchObject({ isPatron: true, state: 'active', tierName: 'Friend' });

  const charge = (await h.stripe.charges.list({ customer: customer.id })).data[0]!;
  await h.stripe.refunds.create({ charge: charge.id, amount: 200 });
  await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
  await h.settle();
  expect(await patronStatus(USER_ID)).toMatchObject({ isPatron: true, state: 'canceling' });
  await h.stripe.subscriptions.cancel(sub.id);
  await h.settle();
  h.onDelivery = null;
  liveSnapshot = await snapshot(live.prisma);
  events = h.events();
});

afterAll(async () => {
  await live?.close();
  await h?.close();
});

describe('live delivery', () => {
  it('mirrors the checkout, subscription, invoice, refund and cancellation', async () => {
    const s = liveSnapshot;
    expect(s.checkouts).toEqual([
      expect.objectContaining({
        id: fx.sessionId,
        status: 'COMPLETED',
        subscriptionId: fx.subscriptionId,
        fromArticle: 'a-story',
        placement: 'inline',
      }),
    ]);
    expect(s.subscriptions).toEqual([
      expect.objectContaining({
        id: fx.subscriptionId,
        userId: USER_ID,
        status: 'canceled',
        tierId: TIER_ID,
        amount: 500,
        currency: 'usd',
        interval: 'MONTH',
        stripePriceId: fx.priceId,
      }),
    ]);
    expect(s.subscriptions[0]!.endedAt).toBeInstanceOf(Date);
    expect(s.invoices).toEqual([
      expect.objectContaining({ subscriptionId: fx.subscriptionId, userId: USER_ID, status: 'paid', amountPaid: 500, amountRefunded: 200 }),
    ]);
    expect(s.payments).toEqual([
      expect.objectContaining({
        userId: USER_ID,
        amount: 500,
        amountRefunded: 200,
        status: 'partially_refunded',
        invoiceId: s.invoices[0]!.id,
      }),
    ]);
    expect(await patronStatus(USER_ID)).toMatchObject({ isPatron: false, state: 'ended' });
  });

  it('sends welcome, cancellation-confirmed and membership-ended exactly once each, escaped', () => {
    const kinds = liveSnapshot.emails.map((e) => e.kind).sort();
    expect(kinds).toEqual(['billing-cancellation-confirmed', 'billing-membership-ended', 'billing-welcome']);
    expect(liveSnapshot.emails.every((e) => e.to === 'reader@example.com')).toBe(true);
  });

  it('records every event as processed', () => {
    expect(liveSnapshot.events.length).toBe(events.length);
    expect(liveSnapshot.events.every((e) => e.processed)).toBe(true);
  });

  it('the same events delivered again are acknowledged and change nothing', async () => {
    const statuses = await deliverAll(events);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const body = (await (await deliver(events[0]!)).json()) as { outcome: string };
    expect(body.outcome).toBe('duplicate');
    expect(await snapshot(live.prisma)).toEqual(liveSnapshot);
  });
});

describe('replays into a fresh database end in the same state', () => {
  async function replay(run: (list: RecordedDelivery[]) => Promise<void>) {
    const db = await createTestDb();
    try {
      await seed(db.prisma, fx);
      await run(events);
      return await snapshot(db.prisma);
    } finally {
      await db.close();
    }
  }

  let baseline: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    baseline = await replay(async (list) => {
      expect((await deliverAll(list)).every((s) => s === 200)).toBe(true);
    });
  });

  it('the in-order replay mirrors the same rows as live delivery', () => {
    const { emails: _e, ...mirror } = baseline;
    const { emails: _l, ...liveMirror } = liveSnapshot;
    expect(mirror).toEqual(liveMirror);
  });

  it('every event twice in a row', async () => {
    const s = await replay(async (list) => {
      for (const d of list) {
        expect((await deliver(d)).status).toBe(200);
        expect((await deliver(d)).status).toBe(200);
      }
    });
    expect(s).toEqual(baseline);
  });

  it('concurrent copies of each event: one is applied, the others are told to retry, and retries are duplicates', async () => {
    const s = await replay(async (list) => {
      const prisma = await (await import('@/lib/db/client')).getDb();
      for (const d of list) {
        const statuses = await Promise.all([deliver(d), deliver(d), deliver(d)].map(async (r) => (await r).status));
        expect(statuses.filter((x) => x === 200).length, d.type).toBeGreaterThanOrEqual(1);
        expect(
          statuses.every((x) => x === 200 || x === 409),
          d.type,
        ).toBe(true);
        // Stripe retries the 409s later: by then the event is processed.
        for (const x of statuses) if (x === 409) expect((await deliver(d)).status).toBe(200);
      }
      // Every event's handler ran exactly once: only the delivery holding the claim counts an attempt.
      const attempts = await prisma.stripeEvent.findMany({ select: { attempts: true } });
      expect(attempts.length).toBe(new Set(list.map((d) => d.id)).size);
      expect(attempts.every((a) => a.attempts === 1)).toBe(true);
    });
    expect(s).toEqual(baseline);
    // Each event row records the moment Stripe created it.
    const created = new Map(events.map((d) => [d.id, (JSON.parse(d.body) as { created: number }).created]));
    const db = await createTestDb();
    try {
      await seed(db.prisma, fx);
      await deliver(events[0]!);
      const row = await db.prisma.stripeEvent.findUniqueOrThrow({ where: { id: events[0]!.id } });
      expect(row.createdAt.getTime()).toBe(created.get(events[0]!.id)! * 1000);
    } finally {
      await db.close();
    }
  });

  it('reverse order', async () => {
    const s = await replay(async (list) => {
      expect((await deliverAll([...list].reverse())).every((x) => x === 200)).toBe(true);
    });
    expect(s).toEqual(baseline);
  });

  it('a handler that fails midway is retried and completes', async () => {
    const s = await replay(async (list) => {
      const db = (await import('@/lib/db/client')).getDb;
      const prisma = await db();
      const spy = vi.spyOn(h.stripe.charges, 'retrieve').mockRejectedValueOnce(new Error('network down'));
      const spy2 = vi.spyOn(h.stripe.charges, 'list').mockRejectedValueOnce(new Error('network down'));
      const first = await deliverAll(list);
      spy.mockRestore();
      spy2.mockRestore();
      const failedIdx = first.findIndex((x) => x === 500);
      expect(failedIdx).toBeGreaterThanOrEqual(0);
      const failed = await prisma.stripeEvent.findUnique({ where: { id: list[failedIdx]!.id } });
      expect(failed).toMatchObject({ processedAt: null, attempts: 1 });
      expect(failed?.lastError).toContain('network down');
      // Stripe retries every failed event.
      for (const [i, status] of first.entries()) if (status === 500) expect((await deliver(list[i]!)).status).toBe(200);
      const retried = await prisma.stripeEvent.findUnique({ where: { id: list[failedIdx]!.id } });
      expect(retried?.processedAt).toBeInstanceOf(Date);
      expect(retried?.attempts).toBe(2);
    });
    expect(s).toEqual(baseline);
  });

  it('a refund fetches the charge from Stripe once and writes it once, with the invoice', async () => {
    const db = await createTestDb();
    try {
      await seed(db.prisma, fx);
      const refundAt = events.findIndex((d) => d.type === 'charge.refunded');
      expect(refundAt).toBeGreaterThan(0);
      expect((await deliverAll(events.slice(0, refundAt))).every((x) => x === 200)).toBe(true);
      // Earlier events already re-fetched the refunded charge: wind its mirror rows back to before the refund.
      const payment = await db.prisma.payment.findFirstOrThrow();
      expect(payment).toMatchObject({ amountRefunded: 200 });
      await db.prisma.payment.update({ where: { id: payment.id }, data: { amountRefunded: 0, status: 'succeeded' } });
      await db.prisma.invoice.update({ where: { id: payment.invoiceId! }, data: { amountRefunded: 0 } });

      const retrieve = vi.spyOn(h.stripe.charges, 'retrieve');
      const list = vi.spyOn(h.stripe.charges, 'list');
      try {
        expect((await deliver(events[refundAt]!)).status).toBe(200);
        expect(retrieve).toHaveBeenCalledTimes(1);
        expect(list).not.toHaveBeenCalled();
      } finally {
        retrieve.mockRestore();
        list.mockRestore();
      }
      expect(await db.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
        amountRefunded: 200,
        status: 'partially_refunded',
        invoiceId: payment.invoiceId,
      });
      expect(await db.prisma.invoice.findUniqueOrThrow({ where: { id: payment.invoiceId! } })).toMatchObject({
        amountRefunded: 200,
        status: 'paid',
      });
      // Instants written on the raw-SQL path read back through Prisma as Stripe's own times.
      const stripeSub = await h.stripe.subscriptions.retrieve(fx.subscriptionId);
      const sub = await db.prisma.subscription.findUniqueOrThrow({ where: { id: fx.subscriptionId } });
      expect(sub.currentPeriodEnd.getTime()).toBe(stripeSub.items.data[0]!.current_period_end * 1000);
      expect(sub.startedAt.getTime()).toBe(stripeSub.start_date * 1000);
    } finally {
      await db.close();
    }
  });

  it('forged, missing or stale signatures are rejected with 400 and change nothing', async () => {
    const db = await createTestDb();
    try {
      await seed(db.prisma, fx);
      const before = await snapshot(db.prisma);
      const d = events.find((e) => e.type === 'customer.subscription.created')!;
      const forged = h.stripe.webhooks.generateTestHeaderString({ payload: d.body, secret: 'whsec_not_ours' });
      const tampered = d.body.replace('"active"', '"canceled"');
      const stale = h.stripe.webhooks.generateTestHeaderString({
        payload: d.body,
        secret: 'whsec_test_billing',
        timestamp: Math.floor(Date.now() / 1000) - 3600,
      });
      for (const [body, sig] of [
        [d.body, forged],
        [d.body, null],
        [d.body, 'garbage'],
        [tampered, d.signature],
        [d.body, stale],
      ] as const) {
        const res = await POST(webhookRequest(body, sig));
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: string }).error).toBeTruthy();
      }
      expect(await snapshot(db.prisma)).toEqual(before);
      // A correctly signed test header works.
      const good = h.stripe.webhooks.generateTestHeaderString({ payload: d.body, secret: 'whsec_test_billing' });
      expect((await POST(webhookRequest(d.body, good))).status).toBe(200);
    } finally {
      await db.close();
    }
  });

  it('unknown event types are acknowledged and recorded', async () => {
    const db = await createTestDb();
    try {
      const body = JSON.stringify({
        id: 'evt_unknown_1',
        object: 'event',
        type: 'customer.tax_id.created',
        created: 1,
        data: { object: { id: 'txi_1' } },
      });
      const sig = h.stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_test_billing' });
      const res = await POST(webhookRequest(body, sig));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ outcome: 'ignored' });
      expect((await db.prisma.stripeEvent.findUnique({ where: { id: 'evt_unknown_1' } }))?.processedAt).toBeInstanceOf(Date);
    } finally {
      await db.close();
    }
  });
});
