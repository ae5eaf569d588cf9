/**
 * PostgreSQL only (vitest.config.ts leaves *.pg.test.ts out of the PGlite run): two app nodes (two
 * connection pools on one database, no shared process state: mirrorSubscription and syncInvoice are
 * what each node runs) sync the same Stripe object while it changes, their fetches held back and
 * released in every order, the older state written first, at once, or last. Each time the mirror
 * ends equal to Stripe, and so does the subscription's history.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { clientOnPostgres, setDbForTesting } from '@/lib/db/client';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { startBillingHarness, subscribeInStripe, type BillingHarness } from '../testing';
import { mirrorSubscription } from './subscription';
import { syncInvoice } from './invoice';

let h: BillingHarness;
let db: TestDb;
let nodeB: { prisma: PrismaClient; close: () => Promise<void> };
let subscriptionId: string;
let customerId: string;

beforeAll(async () => {
  h = await startBillingHarness(); // webhooks are recorded, never applied: the nodes sync directly
  db = await createTestDb();
  expect(db.kind).toBe('postgres');
  nodeB = await clientOnPostgres(db.url!, 5);
  const user = await db.prisma.user.create({ data: { email: 'two-nodes@example.com' } });
  ({ customerId } = await subscribeInStripe(h, db.prisma, user, { amount: 500, interval: 'MONTH' }));
  subscriptionId = (await h.stripe.subscriptions.list({ customer: customerId, limit: 1 })).data[0]!.id;
});
afterAll(async () => {
  await nodeB?.close();
  await db?.close();
  await h?.close();
});

/** Runs `fn` as node A (the test database's own pool) or node B (a second pool). The node's pool is taken when the sync starts. */
function on<T>(node: 'A' | 'B', fn: () => Promise<T>): Promise<T> {
  setDbForTesting(node === 'A' ? db.prisma : nodeB.prisma);
  try {
    return fn();
  } finally {
    setDbForTesting(db.prisma);
  }
}

type Hold = { fetched: Promise<void>; release: () => void };

/**
 * Wraps Stripe methods so that the n-th call (across them) fetches, then waits until released:
 * `next()` holds the next call.
 */
function gate(methods: [object, string][]) {
  const held = new Map<number, { gate: Promise<void>; fetched: () => void }>();
  let calls = 0;
  const restore: (() => void)[] = [];
  for (const [target, name] of methods) {
    const t = target as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const real = t[name]!;
    t[name] = async (...args: unknown[]) => {
      const n = calls++;
      const answer = await real.apply(target, args);
      const hold = held.get(n);
      if (hold) {
        hold.fetched();
        await hold.gate;
      }
      return answer;
    };
    restore.push(() => (t[name] = real));
  }
  return {
    next(): Hold {
      const n = calls; // the next call to come
      let release!: () => void;
      let fetched!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const hold = { fetched: new Promise<void>((r) => (fetched = r)), release };
      held.set(n, { gate, fetched });
      return hold;
    },
    restore: () => restore.forEach((r) => r()),
  };
}

type Order = 'older written first' | 'both at once' | 'older written last';
const ORDERS: Order[] = ['older written first', 'both at once', 'older written last'];

/** Node A fetches, Stripe changes, node B fetches; then both write in `order`. */
async function race(order: Order, hold: () => Hold, change: () => Promise<unknown>, sync: () => Promise<unknown>): Promise<void> {
  const holdA = hold();
  const a = on('A', sync);
  await holdA.fetched;
  await change();
  const holdB = hold();
  const b = on('B', sync);
  await holdB.fetched;
  if (order === 'older written first') {
    holdA.release();
    await a;
    holdB.release();
    await b;
  } else if (order === 'both at once') {
    holdB.release();
    holdA.release();
    await Promise.all([a, b]);
  } else {
    holdB.release();
    await b;
    holdA.release();
    await a;
  }
}

it('a subscription: the mirror and its history end equal to Stripe in every order', async () => {
  await on('A', () => mirrorSubscription(subscriptionId));
  const g = gate([[h.stripe.subscriptions, 'retrieve']]);
  try {
    let cancel = false;
    for (const order of [...ORDERS, ...ORDERS]) {
      cancel = !cancel;
      await race(
        order,
        g.next,
        () => h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: cancel }),
        () => mirrorSubscription(subscriptionId),
      );
      const stripeSub = await h.stripe.subscriptions.retrieve(subscriptionId);
      expect(stripeSub.cancel_at_period_end, order).toBe(cancel);
      const row = await db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
      expect(row, order).toMatchObject({
        status: stripeSub.status,
        cancelAtPeriodEnd: cancel,
        canceledAt: stripeSub.canceled_at ? new Date(stripeSub.canceled_at * 1000) : null,
      });
      const last = await db.prisma.subscriptionChange.findFirstOrThrow({ where: { subscriptionId }, orderBy: { seq: 'desc' } });
      expect(last, order).toMatchObject({ status: stripeSub.status, cancelAtPeriodEnd: cancel });
    }
  } finally {
    g.restore();
  }
});

it('an invoice and its charge: the mirror ends equal to Stripe in every order', async () => {
  const invoice = (await h.stripe.invoices.list({ customer: customerId, limit: 1 })).data[0]!;
  await on('A', () => syncInvoice(invoice.id, { emails: false }));
  const payment = await db.prisma.payment.findFirstOrThrow({ where: { invoiceId: invoice.id } });
  // The charge is the last thing an invoice sync fetches: held there, a node has fetched everything.
  const g = gate([
    [h.stripe.charges, 'retrieve'],
    [h.stripe.charges, 'list'],
  ]);
  try {
    for (const order of ORDERS) {
      await race(
        order,
        g.next,
        () => h.stripe.refunds.create({ charge: payment.id, amount: 100 }),
        () => syncInvoice(invoice.id, { emails: false }),
      );
      const charge = await h.stripe.charges.retrieve(payment.id);
      const stored = await db.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } });
      expect(stored, order).toMatchObject({ amountRefunded: charge.amount_refunded, status: 'partially_refunded', invoiceId: invoice.id });
      expect(await db.prisma.invoice.findUniqueOrThrow({ where: { id: invoice.id } }), order).toMatchObject({
        amountRefunded: charge.amount_refunded,
        status: 'paid',
      });
    }
  } finally {
    g.restore();
  }
});
