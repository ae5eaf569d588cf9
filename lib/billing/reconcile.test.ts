/** `npm run stripe:sync`: missed webhooks leave the mirror behind; reconcile repairs it from Stripe. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { startBillingHarness, subscribeInStripe, type BillingHarness } from './testing';
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
  const { tierId } = await subscribeInStripe(h, db.prisma, user, { amount: 700, interval: 'YEAR' });
  expect(await db.prisma.subscription.count()).toBe(0);
  expect((await patronStatus(user.id)).isPatron).toBe(false);

  const first = await reconcileSubscriptions();
  expect(first).toMatchObject({ seen: 1, unchanged: 0, failed: [] });
  expect(first.created).toHaveLength(1);
  const row = await db.prisma.subscription.findFirstOrThrow();
  expect(row).toMatchObject({
    userId: user.id,
    tierId,
    status: 'active',
    amount: 700,
    currency: 'usd',
    interval: 'YEAR',
    cancelAtPeriodEnd: false,
  });
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
