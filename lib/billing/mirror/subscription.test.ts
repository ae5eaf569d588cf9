/**
 * Syncs of one subscription. In one process, concurrent requests share syncs: a request waits for the
 * next sync that starts after it (never reusing a fetch that started earlier) and shares it with the
 * requests that arrive before it starts. Across processes the database orders the mirror: a fetch
 * written after a newer one loses (the row, its history and the emails follow the newer state), and a
 * prefetched copy is written without a request, or loses the same way.
 * Runs on PGlite, or PostgreSQL with TEST_DATABASE_URL (ordering.pg.test.ts: two connection pools).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { startBillingHarness, subscribeInStripe, type BillingHarness } from '../testing';
import { mirrorSubscription, syncSubscription } from './subscription';
import { mirrorClock } from './sql';

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

it('a prefetched copy is written without a request; an older one than the stored row loses', async () => {
  await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
  const staleStamp = await mirrorClock();
  const stale = await realRetrieve.call(h.stripe.subscriptions, subscriptionId);
  const fetches = instrumentRetrieve();
  try {
    // Stripe moves on and another sync stores the newer state after the stale copy's fetch started.
    await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false });
    await syncSubscription(subscriptionId);
    expect(fetches.calls).toBe(1);
    // The checkout's expanded (older) copy must not overwrite it, and costs no request.
    const lost = await syncSubscription(subscriptionId, { prefetched: { object: stale, stamp: staleStamp } });
    expect(lost).toMatchObject({ action: 'unchanged', stale: true });
    expect(fetches.calls).toBe(1);
    expect(await mirrored()).toMatchObject({ cancelAtPeriodEnd: false });

    // A copy fetched after the stored one is written as is.
    await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    const freshStamp = await mirrorClock();
    const fresh = await realRetrieve.call(h.stripe.subscriptions, subscriptionId);
    const won = await syncSubscription(subscriptionId, { prefetched: { object: fresh, stamp: freshStamp } });
    expect(won.action).toBe('updated');
    expect(won.changes).toContain('cancelAtPeriodEnd');
    expect(fetches.calls).toBe(1);
    expect(await mirrored()).toMatchObject({ cancelAtPeriodEnd: true });
  } finally {
    h.stripe.subscriptions.retrieve = realRetrieve;
  }
});

it('a prefetched copy shares a sync of this process that stamped after it; a newer copy is written without a request', async () => {
  const olderStamp = await mirrorClock();
  const older = await realRetrieve.call(h.stripe.subscriptions, subscriptionId);
  const fetches = instrumentRetrieve({ hold: true });
  try {
    const running = syncSubscription(subscriptionId);
    await fetches.fetchedFirst; // its stamp was read after `olderStamp`
    expect(syncSubscription(subscriptionId, { prefetched: { object: older, stamp: olderStamp } })).toBe(running);
    const newerStamp = await mirrorClock();
    const newer = await realRetrieve.call(h.stripe.subscriptions, subscriptionId);
    const own = syncSubscription(subscriptionId, { prefetched: { object: newer, stamp: newerStamp } });
    expect(own).not.toBe(running);
    fetches.release();
    await Promise.all([running, own]);
    expect(fetches.calls).toBe(1);
  } finally {
    h.stripe.subscriptions.retrieve = realRetrieve;
  }
});

it("the webhook claim's stamp is used by a sync that starts at once; a sync queued behind another reads the clock when it starts", async () => {
  const claimed = await mirrorClock();
  await syncSubscription(subscriptionId); // stored with a later stamp
  // Starting at once with the older stamp: it loses (what is stored was fetched after that stamp anyway).
  expect(await syncSubscription(subscriptionId, { stamp: claimed })).toMatchObject({ action: 'unchanged', stale: true });
  const fetches = instrumentRetrieve({ hold: true });
  try {
    const running = syncSubscription(subscriptionId);
    await fetches.fetchedFirst;
    const queued = syncSubscription(subscriptionId, { stamp: claimed });
    fetches.release();
    await running;
    expect((await queued).stale).toBeUndefined();
    expect(fetches.calls).toBe(2);
  } finally {
    h.stripe.subscriptions.retrieve = realRetrieve;
  }
});

it('two nodes, adversarial order: the older fetch written last loses, and the row, history and emails follow Stripe', async () => {
  await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false });
  await syncSubscription(subscriptionId);
  // Node A fetches the old state and stalls before writing it.
  const fetches = instrumentRetrieve({ hold: true });
  try {
    const nodeA = mirrorSubscription(subscriptionId);
    await fetches.fetchedFirst;
    // Stripe changes; node B (no shared process state: mirrorSubscription is what each node runs) fetches and writes the new state.
    await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    const nodeB = await mirrorSubscription(subscriptionId);
    expect(nodeB.action).toBe('updated');
    expect(nodeB.changes).toContain('cancelAtPeriodEnd');
    const emails = await db.prisma.email.count();
    // Node A writes last: it loses, and sends nothing its stale state would have called for.
    fetches.release();
    expect(await nodeA).toMatchObject({ action: 'unchanged', stale: true });
    expect(await db.prisma.email.count()).toBe(emails);
  } finally {
    h.stripe.subscriptions.retrieve = realRetrieve;
  }
  const stripeSub = await realRetrieve.call(h.stripe.subscriptions, subscriptionId);
  expect(stripeSub.cancel_at_period_end).toBe(true);
  expect(await mirrored()).toMatchObject({ cancelAtPeriodEnd: true, status: stripeSub.status });
  const last = await db.prisma.subscriptionChange.findFirstOrThrow({ where: { subscriptionId }, orderBy: { seq: 'desc' } });
  expect(last).toMatchObject({ cancelAtPeriodEnd: true, status: stripeSub.status });
  // The cancellation the stored state calls for was confirmed.
  const canceledAt = stripeSub.canceled_at ?? stripeSub.items.data[0]!.current_period_end;
  expect(
    await db.prisma.email.count({ where: { dedupeKey: `billing-cancellation-confirmed:${subscriptionId}:cancel:${canceledAt}` } }),
  ).toBe(1);
});
