/**
 * PostgreSQL only: two app node processes (the webhook route behind bench/webhook-node.ts) on one
 * database. Webhooks for one subscription go to both in adversarial order: node A fetches the older
 * state, node B then handles a newer event and writes the newer state, and A writes last. The mirror
 * ends equal to Stripe. Node A reaches the Stripe stand-in through a proxy that can hold a response
 * (the fetch has happened, its answer is in flight), which is how A's fetch is made the older one.
 */
import http from 'node:http';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { startBillingHarness, subscribeInStripe, type BillingHarness } from '../testing';

let h: BillingHarness;
let db: TestDb;
let subscriptionId: string;
const nodes: ChildProcess[] = [];
let proxy: http.Server;
let hold: { armed: boolean; fetched: () => void; release: Promise<void> } | null = null;

/** Forwards to the stand-in; when armed, holds the next subscription fetch's answer until released. */
async function startProxy(target: number): Promise<number> {
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<
        string,
        string
      >;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const answer = await fetch(`http://127.0.0.1:${target}${req.url}`, { method: req.method, headers, body });
      const text = await answer.text();
      const current = hold;
      if (current?.armed && req.method === 'GET' && req.url?.startsWith(`/v1/subscriptions/${subscriptionId}`)) {
        current.armed = false;
        current.fetched();
        await current.release;
      }
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
        'request-id': answer.headers.get('request-id') ?? 'req_proxy',
      });
      res.end(text);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  return (proxy.address() as AddressInfo).port;
}

async function startNode(stripePort: number): Promise<number> {
  const child = spawn(path.join(process.cwd(), 'node_modules', '.bin', 'tsx'), ['bench/webhook-node.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '3',
      STRIPE_SECRET_KEY: h.sandbox.secretKey,
      STRIPE_API_HOST: '127.0.0.1',
      STRIPE_API_PORT: String(stripePort),
      STRIPE_API_PROTOCOL: 'http',
      STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET,
      SITE_URL: 'http://patronage.test',
      EMAIL_SERVER: '',
    },
  });
  nodes.push(child);
  return new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`an app node exited (${code}) before listening`)));
  });
}

let nodeA: number;
let nodeB: number;
let seq = 0;

/** A signed customer.subscription.updated event for our subscription, delivered to a node. */
async function deliver(node: number): Promise<Response> {
  const body = JSON.stringify({
    id: `evt_two_nodes_${++seq}`,
    object: 'event',
    type: 'customer.subscription.updated',
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: subscriptionId } },
  });
  const signature = h.stripe.webhooks.generateTestHeaderString({ payload: body, secret: process.env.STRIPE_WEBHOOK_SECRET! });
  return fetch(`http://127.0.0.1:${node}/`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
}

beforeAll(async () => {
  h = await startBillingHarness(); // webhooks are recorded, not applied: the test delivers its own
  db = await createTestDb();
  expect(db.kind).toBe('postgres');
  const user = await db.prisma.user.create({ data: { email: 'two-processes@example.com' } });
  const { customerId } = await subscribeInStripe(h, db.prisma, user, { amount: 500, interval: 'MONTH' });
  subscriptionId = (await h.stripe.subscriptions.list({ customer: customerId, limit: 1 })).data[0]!.id;
  [nodeA, nodeB] = await Promise.all([startProxy(h.sandbox.port).then(startNode), startNode(h.sandbox.port)]);
}, 180_000);

afterAll(async () => {
  await Promise.all(nodes.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => (c.once('exit', r), c.kill('SIGTERM'))))));
  await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
  await db?.close();
  await h?.close();
});

it('node A fetches the older state, node B writes the newer one, A writes last: the mirror ends equal to Stripe', async () => {
  expect((await deliver(nodeB)).status).toBe(200);
  expect(await db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).toMatchObject({ cancelAtPeriodEnd: false });

  let fetched!: () => void;
  let release!: () => void;
  const aFetched = new Promise<void>((r) => (fetched = r));
  hold = { armed: true, fetched, release: new Promise<void>((r) => (release = r)) };
  const a = deliver(nodeA);
  await aFetched; // A has Stripe's answer (not canceling) in flight

  await h.stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
  expect((await deliver(nodeB)).status).toBe(200);
  expect(await db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).toMatchObject({ cancelAtPeriodEnd: true });

  release();
  expect((await a).status).toBe(200); // A wrote last, and lost
  const stripeSub = await h.stripe.subscriptions.retrieve(subscriptionId);
  expect(stripeSub.cancel_at_period_end).toBe(true);
  expect(await db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).toMatchObject({
    cancelAtPeriodEnd: true,
    status: stripeSub.status,
  });
  const last = await db.prisma.subscriptionChange.findFirstOrThrow({ where: { subscriptionId }, orderBy: { seq: 'desc' } });
  expect(last).toMatchObject({ cancelAtPeriodEnd: true });
}, 60_000);
