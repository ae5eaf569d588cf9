/** `npm run stripe:sync`: missed webhooks leave the mirror behind; reconcile repairs it from Stripe. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { startBillingHarness, payCheckout, type BillingHarness } from './testing';
import { reconcileSubscriptions } from './reconcile';
import { patronStatus } from './patron-status';

let h: BillingHarness;
let db: TestDb;

beforeAll(async () => {
  h = await startBillingHarness(); // records webhooks but never applies them: the app misses them all
  db = await createTestDb();
});
afterAll(async () => {
  await db?.close();
  await h?.close();
});

it('creates missing subscriptions, repairs drifted ones, and leaves the rest alone', async () => {
  const user = await db.prisma.user.create({ data: { email: 'missed@example.com' } });
  const product = await h.stripe.products.create({ name: 'Friend' });
  const price = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 700, recurring: { interval: 'year' } });
  const tier = await db.prisma.tier.create({
    data: { slug: 'friend', name: 'Friend', stripeProductId: product.id, prices: { create: { currency: 'usd', interval: 'YEAR', amount: 700, stripePriceId: price.id } } },
  });
  const customer = await h.stripe.customers.create({ email: user.email, metadata: { userId: user.id } });
  await db.prisma.stripeCustomer.create({ data: { userId: user.id, customerId: customer.id } });
  const session = await h.stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: price.id, quantity: 1 }],
    success_url: 'http://patronage.test/ok?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://patronage.test/support',
  });
  expect((await payCheckout(session.url!)).status).toBe(303);
  await h.settle();
  expect(await db.prisma.subscription.count()).toBe(0);
  expect((await patronStatus(user.id)).isPatron).toBe(false);

  const first = await reconcileSubscriptions();
  expect(first).toMatchObject({ seen: 1, unchanged: 0, failed: [] });
  expect(first.created).toHaveLength(1);
  const row = await db.prisma.subscription.findFirstOrThrow();
  expect(row).toMatchObject({ userId: user.id, tierId: tier.id, status: 'active', amount: 700, currency: 'usd', interval: 'YEAR', cancelAtPeriodEnd: false });
  expect((await patronStatus(user.id)).isPatron).toBe(true);

  await h.stripe.subscriptions.update(row.id, { cancel_at_period_end: true });
  const second = await reconcileSubscriptions();
  expect(second.updated.map((r) => r.id)).toEqual([row.id]);
  expect(second.updated[0]!.changes).toContain('cancelAtPeriodEnd');
  expect(await db.prisma.subscription.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ cancelAtPeriodEnd: true });

  const third = await reconcileSubscriptions();
  expect(third).toMatchObject({ seen: 1, unchanged: 1, created: [], updated: [] });
  // No emails by default: an imported subscription must not get a welcome email.
  expect(await db.prisma.email.count()).toBe(0);
});
