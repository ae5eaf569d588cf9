/** Test helpers: a sandbox + SDK client, and a webhook receiver that verifies signatures with the SDK. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startStripeSandbox, type StripeSandbox, type StripeSandboxOptions } from './server.ts';

export interface Receiver {
  url: string;
  /** Verified events in arrival order (duplicates included). */
  events: Stripe.Event[];
  /** Requests whose signature did not verify. */
  rejected: number;
  close(): Promise<void>;
  waitFor(pred: (events: Stripe.Event[]) => boolean, timeoutMs?: number): Promise<void>;
}

export async function startReceiver(secret: string | (() => string), opts: { failFirst?: number } = {}): Promise<Receiver> {
  const verifier = new Stripe('sk_test_unused');
  const events: Stripe.Event[] = [];
  let toFail = opts.failFirst ?? 0;
  const r: Receiver = {
    url: '',
    events,
    rejected: 0,
    close: () =>
      new Promise<void>((res) => {
        server.close(() => res());
        server.closeAllConnections();
      }),
    waitFor: async (pred, timeoutMs = 10_000) => {
      const until = Date.now() + timeoutMs;
      while (!pred(events)) {
        if (Date.now() > until) throw new Error(`timed out waiting for webhooks; got: ${events.map((e) => e.type).join(', ')}`);
        await new Promise((x) => setTimeout(x, 20));
      }
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>App</title><h1>Thanks!</h1>');
        return;
      }
      if (toFail > 0) {
        toFail--;
        res.writeHead(500).end('try again');
        return;
      }
      try {
        const s = typeof secret === 'function' ? secret() : secret;
        const event = verifier.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), s);
        events.push(event);
        res.writeHead(200).end('ok');
      } catch {
        r.rejected++;
        res.writeHead(400).end('bad signature');
      }
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  return r;
}

export async function startWithClient(opts: StripeSandboxOptions = {}): Promise<{ sandbox: StripeSandbox; stripe: Stripe }> {
  const sandbox = await startStripeSandbox({ quiet: true, retryBaseMs: 100, ...opts });
  const stripe = new Stripe(sandbox.secretKey, { host: '127.0.0.1', port: sandbox.port, protocol: 'http', maxNetworkRetries: 0 });
  return { sandbox, stripe };
}

/** Pays a checkout session by posting the hosted form (plain HTTP, no browser). */
export async function payWithForm(
  url: string,
  card: { number: string; exp?: string; cvc?: string; name?: string; email?: string },
): Promise<{ status: number; location: string | null; html: string }> {
  const body = new URLSearchParams({
    cardnumber: card.number,
    exp: card.exp ?? '12 / 34',
    cvc: card.cvc ?? '123',
    name: card.name ?? 'Test Reader',
  });
  if (card.email) body.set('email', card.email);
  const res = await fetch(url, { method: 'POST', body, redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

export async function postForm(
  url: string,
  fields: Record<string, string> = {},
): Promise<{ status: number; location: string | null; html: string }> {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** Advances a test clock and waits until it is ready again. */
export async function advanceClock(stripe: Stripe, clockId: string, frozenTime: number): Promise<Stripe.TestHelpers.TestClock> {
  await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: frozenTime });
  for (let i = 0; i < 500; i++) {
    const c = await stripe.testHelpers.testClocks.retrieve(clockId);
    if (c.status === 'ready') return c;
    await new Promise((x) => setTimeout(x, 20));
  }
  throw new Error('test clock did not become ready');
}
