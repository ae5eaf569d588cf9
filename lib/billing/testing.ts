/**
 * Test helpers for billing (tests only: imports the local Stripe stand-in). Starts the stand-in, points
 * getStripe() at it, and records every webhook delivery (raw body + signature) so tests can replay
 * them through the real route in any order.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeSandbox, type StripeSandbox } from '@/sandbox/stripe/server';
import { setStripeForTesting, STRIPE_API_VERSION } from './stripe';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export type RecordedDelivery = { id: string; type: string; body: string; signature: string };

export type BillingHarness = {
  sandbox: StripeSandbox;
  stripe: Stripe;
  /** Every delivery received, in arrival order (duplicates included). */
  deliveries: RecordedDelivery[];
  /** Unique events in creation order. */
  events(): RecordedDelivery[];
  /** What the collector answers (default: record only, 200). Set to forward to the route for live tests. */
  onDelivery: ((d: RecordedDelivery) => Promise<number>) | null;
  settle(): Promise<void>;
  close(): Promise<void>;
};

export async function startBillingHarness(
  opts: {
    chaos?: Parameters<typeof startStripeSandbox>[0] extends infer O ? (O extends { chaos?: infer C } ? C : never) : never;
    sepaSettleMs?: number;
    /** The webhook route's POST: every delivery goes through it (signed as Stripe signs), as in production. */
    webhook?: (req: Request) => Promise<Response>;
  } = {},
): Promise<BillingHarness> {
  const deliveries: RecordedDelivery[] = [];
  const route = opts.webhook;
  const harness = {
    onDelivery: route ? async (d: RecordedDelivery) => (await route(webhookRequest(d.body, d.signature))).status : null,
  } as BillingHarness;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const parsed = JSON.parse(body) as { id: string; type: string };
      const d = { id: parsed.id, type: parsed.type, body, signature: String(req.headers['stripe-signature'] ?? '') };
      deliveries.push(d);
      const answer = harness.onDelivery ? harness.onDelivery(d) : Promise.resolve(200);
      answer.then(
        (status) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end('{}');
        },
        () => {
          res.writeHead(500);
          res.end('{}');
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const hookPort = (server.address() as AddressInfo).port;
  const webhookSecret = 'whsec_test_billing';
  const sandbox = await startStripeSandbox({
    port: 0,
    webhookUrl: `http://127.0.0.1:${hookPort}/`,
    webhookSecret,
    retryBaseMs: 20,
    quiet: true,
    chaos: opts.chaos,
    sepaSettleMs: opts.sepaSettleMs,
  });
  const stripe = new Stripe(sandbox.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    host: '127.0.0.1',
    port: sandbox.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  setStripeForTesting(stripe);
  process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
  process.env.SITE_URL = 'http://patronage.test';
  return Object.assign(harness, {
    sandbox,
    stripe,
    deliveries,
    events() {
      const seen = new Map<string, RecordedDelivery>();
      for (const d of deliveries) if (!seen.has(d.id)) seen.set(d.id, d);
      return [...seen.values()].sort((a, b) => {
        const ca = (JSON.parse(a.body) as { created: number }).created;
        const cb = (JSON.parse(b.body) as { created: number }).created;
        return ca - cb;
      });
    },
    settle: () => sandbox.deliveriesSettled(),
    async close() {
      setStripeForTesting(undefined);
      await sandbox.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  });
}

/** Pays a hosted checkout session like a reader would (the stand-in's hosted page; `email` is what a guest types there). */
export async function payCheckout(
  url: string,
  card = '4242424242424242',
  { email = 'reader@example.com', name = 'Test Reader' }: { email?: string; name?: string } = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ cardnumber: card, exp: '12/40', cvc: '123', name, email }),
    redirect: 'manual',
  });
}

/**
 * A "Friend" tier with one Stripe price, and `user` subscribed to it through a paid hosted checkout
 * (its customer linked in the database). Webhooks are delivered as the harness does (recorded, or
 * applied); the mirror is left to the test.
 */
export async function subscribeInStripe(
  h: BillingHarness,
  prisma: PrismaClient,
  user: { id: string; email: string },
  plan: { amount: number; interval: 'MONTH' | 'YEAR' },
): Promise<{ tierId: string; priceId: string; customerId: string }> {
  const product = await h.stripe.products.create({ name: 'Friend' });
  const price = await h.stripe.prices.create({
    product: product.id,
    currency: 'usd',
    unit_amount: plan.amount,
    recurring: { interval: plan.interval === 'YEAR' ? 'year' : 'month' },
  });
  const tier = await prisma.tier.create({
    data: {
      slug: 'friend',
      name: 'Friend',
      stripeProductId: product.id,
      prices: { create: { currency: 'usd', interval: plan.interval, amount: plan.amount, stripePriceId: price.id } },
    },
  });
  const customer = await h.stripe.customers.create({ email: user.email, metadata: { userId: user.id } });
  await prisma.stripeCustomer.create({ data: { userId: user.id, customerId: customer.id } });
  const session = await h.stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: price.id, quantity: 1 }],
    success_url: 'http://patronage.test/ok?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://patronage.test/support',
  });
  const paid = await payCheckout(session.url!);
  if (paid.status !== 303) throw new Error(`the hosted checkout answered ${paid.status}, not 303`);
  await h.settle();
  return { tierId: tier.id, priceId: price.id, customerId: customer.id };
}

/** A webhook Request for the route, signed like Stripe would (or with any signature you like). */
export function webhookRequest(body: string, signature: string | null): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['stripe-signature'] = signature;
  return new Request('http://patronage.test/api/stripe/webhook', { method: 'POST', body, headers });
}
