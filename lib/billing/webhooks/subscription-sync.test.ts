/**
 * Concurrent syncs of one subscription (the webhook route gets a subscription's checkout, created,
 * updated and invoice events together): they run one at a time, a request waits for the next sync
 * that starts after it (never reusing a fetch that started earlier) and shares it with the requests
 * that arrive before it starts, a pre-fetched subscription never overwrites a newer fetch, and a caller
 * holding an older copy shares a running sync that fetched after it.
 * Runs on PGlite, or PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { startBillingHarness, subscribeInStripe, type BillingHarness } from '../testing';
import { fetchClock, syncSubscription } from '../sync';

let h: BillingHarness;
let db: TestDb;
let subscriptionId: string;
let realRetrieve: Stripe['subscriptions']['retrieve'];

beforeAll(async () => {
  h = await startBillingHarness(); // webhooks are recorded, never applied: the tests call the sync directly
  db = await createTestDb();
  const user = await db.prisma.user.create({ data: { email: 'racer@example.com' } });
  await subscribeInStripe(h, db.prisma, user, { amount: 500, interval: 'MONTH' });
  subscriptionId = (await h.stripe.subscriptions.list({ limit: 1 })).data[0]!.id;
  realRetrieve = h.stripe.subscriptions.retrieve;
});
afterAll(async () => {
  if (h && realRetrieve) h.stripe.subscriptions.retrieve = realRetrieve;
  await db?.close();
  await h?.close();
});

/** Counts subscription fetches; `hold` keeps the first fetch's answer back until released. */
function instrumentRetrieve(opts: { hold?: boolean } = {}) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let firstFetched!: () => void;
  const fetchedFirst = new Promise<void>((r) => (firstFetched = r));
  const counter = { calls: 0, release, fetchedFirst };
  h.stripe.subscriptions.retrieve = (async (...args: Parameters<Stripe['subscriptions']['retrieve']>) => {
    const n = ++counter.calls;
    const sub = await realRetrieve.apply(h.stripe.subscriptions, args);
    if (n === 1 && opts.hold) {
      firstFetched();
      await gate;
    }
    return sub;
  }) as Stripe['subscriptions']['retrieve'];
  return counter;
}

const mirrored = () => db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });

it('two concurrent syncs with a change between them end with the later state; requests waiting together share one fetch', async () => {
  await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false });
  const fetches = instrumentRetrieve({ hold: true });
  try {
    // The first sync has fetched the old state and is slow to write it.
    const first = syncSubscription(subscriptionId);
    await fetches.fetchedFirst;
    // Stripe changes; two more events arrive for the same subscription while the first is in flight.
    await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    const second = syncSubscription(subscriptionId);
    const third = syncSubscription(subscriptionId);
    // They wait for the next sync (which fetches after they arrived), not for the fetch in flight.
    await new Promise((r) => setTimeout(r, 50));
    expect(fetches.calls).toBe(1);
    fetches.release();
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(fetches.calls).toBe(2); // the second and third share one sync
    expect(b).toBe(c);
    expect(a.action).not.toBe('skipped');
    expect(b.changes).toContain('cancelAtPeriodEnd');
    expect(await mirrored()).toMatchObject({ cancelAtPeriodEnd: true });
  } finally {
    h.stripe.subscriptions.retrieve = realRetrieve;
  }
});

it('a request arriving after a sync started gets a sync of its own, so no event is answered with an older fetch', async () => {
  const fetches = instrumentRetrieve();
  try {
    await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false });
    const first = await syncSubscription(subscriptionId);
    await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    const second = await syncSubscription(subscriptionId);
    expect(fetches.calls).toBe(2);
    expect(first).not.toBe(second);
    expect(await mirrored()).toMatchObject({ cancelAtPeriodEnd: true });
  } finally {
    h.stripe.subscriptions.retrieve = realRetrieve;
  }
});

it('a pre-fetched subscription is used when nothing fetched it since, and fetched again when something did', async () => {
  await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
  const fetchedAt = fetchClock();
  const stale = await realRetrieve.call(h.stripe.subscriptions, subscriptionId);
  const fetches = instrumentRetrieve();
  try {
    // Stripe moves on and another sync stores the newer state after the pre-fetch started.
    await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false });
    await syncSubscription(subscriptionId);
    expect(fetches.calls).toBe(1);
    // The checkout's expanded (older) copy must not overwrite it: fetched again.
    await syncSubscription(subscriptionId, { fetched: stale, fetchedAt });
    expect(fetches.calls).toBe(2);
    expect(await mirrored()).toMatchObject({ cancelAtPeriodEnd: false });

    // A copy fetched after every other fetch is used as is (no request).
    const freshAt = fetchClock();
    const fresh = await realRetrieve.call(h.stripe.subscriptions, subscriptionId);
    await syncSubscription(subscriptionId, { fetched: fresh, fetchedAt: freshAt });
    expect(fetches.calls).toBe(2);
    expect(await mirrored()).toMatchObject({ cancelAtPeriodEnd: false });
  } finally {
    h.stripe.subscriptions.retrieve = realRetrieve;
  }
});

it('a caller holding an older copy shares a running sync that fetched after it; a newer copy does not', async () => {
  const olderAt = fetchClock();
  const older = await realRetrieve.call(h.stripe.subscriptions, subscriptionId);
  const fetches = instrumentRetrieve({ hold: true });
  try {
    const running = syncSubscription(subscriptionId);
    await fetches.fetchedFirst; // its fetch started after `olderAt`
    expect(syncSubscription(subscriptionId, { fetched: older, fetchedAt: olderAt })).toBe(running);
    const newerAt = fetchClock();
    const newer = await realRetrieve.call(h.stripe.subscriptions, subscriptionId);
    const own = syncSubscription(subscriptionId, { fetched: newer, fetchedAt: newerAt });
    expect(own).not.toBe(running);
    fetches.release();
    await Promise.all([running, own]);
    expect(fetches.calls).toBe(2); // the newer copy's sync ran after the running one, with a fetch of its own
  } finally {
    h.stripe.subscriptions.retrieve = realRetrieve;
  }
});
