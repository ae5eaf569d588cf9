/**
 * Test equipment of e2e/cluster.spec.ts: a real SMTP server that can refuse deliveries, a proxy in
 * front of the Stripe stand-in that can hold one answer in flight, and a relay for the stand-in's own
 * webhooks that can drop them. Each listens on a free port of 127.0.0.1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

const listen = (server: { listen: (port: number, host: string, cb: () => void) => unknown }) =>
  new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const closeHttp = async (server: http.Server) => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
};
const readBody = (req: http.IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

/** An SMTP server that answers 451 (try again later) to the next `refuseNext` deliveries, and keeps the rest. */
export async function startMailServer() {
  const state = { refuseNext: 0, refused: 0, received: [] as { to: string; text: string }[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let body = '';
      stream.on('data', (c: Buffer) => (body += c.toString()));
      stream.on('end', () => {
        if (state.refuseNext > 0) {
          state.refuseNext--;
          state.refused++;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        // Quoted-printable soft breaks and escapes, so that links can be read whole.
        const text = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        for (const r of session.envelope.rcptTo) state.received.push({ to: r.address.toLowerCase(), text });
        callback();
      });
    },
  });
  await listen(server);
  return {
    state,
    port: (server.server.address() as AddressInfo).port,
    mailsTo: (to: string) => state.received.filter((m) => m.to === to.toLowerCase()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A proxy to the Stripe stand-in that can hold the answer to the next fetch of one subscription (the
 * fetch has happened, its answer is in flight): how a node's fetch is made the older one, and how a
 * node is caught in the middle of a webhook.
 */
export async function startHoldingProxy(standInPort: number) {
  let hold: { subscriptionId: string; fetched: () => void; release: Promise<void> } | null = null;
  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length' && k !== 'connection'),
    ) as Record<string, string>;
    const answer = await fetch(`http://127.0.0.1:${standInPort}${req.url}`, {
      method: req.method,
      headers,
      body: body.length ? new Uint8Array(body) : undefined,
    });
    const text = await answer.text();
    const current = hold;
    if (current && req.method === 'GET' && req.url?.startsWith(`/v1/subscriptions/${current.subscriptionId}`)) {
      hold = null;
      current.fetched();
      await current.release;
    }
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
      'request-id': answer.headers.get('request-id') ?? 'req_proxy',
    });
    res.end(text);
  });
  await listen(server);
  return {
    port: (server.address() as AddressInfo).port,
    /** Holds the answer to the next fetch of `subscriptionId`: `fetched` resolves when it is in flight. */
    holdNextFetch(subscriptionId: string): { fetched: Promise<void>; release: () => void } {
      let fetched!: () => void;
      let release!: () => void;
      const fetchedP = new Promise<void>((r) => (fetched = r));
      hold = { subscriptionId, fetched, release: new Promise<void>((r) => (release = r)) };
      return { fetched: fetchedP, release };
    },
    close: () => closeHttp(server),
  };
}

/** Passes the stand-in's webhooks on to `target` until `drop` is set (then acknowledges and drops them). */
export async function startWebhookRelay(target: string) {
  const state = { drop: false };
  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    if (state.drop) return res.writeHead(200).end();
    const answer = await fetch(target, {
      method: 'POST',
      body: new Uint8Array(body),
      headers: { 'content-type': 'application/json', 'stripe-signature': String(req.headers['stripe-signature'] ?? '') },
    }).catch(() => null);
    res.writeHead(answer?.status ?? 502).end(answer ? await answer.text() : '');
  });
  await listen(server);
  return { state, port: (server.address() as AddressInfo).port, close: () => closeHttp(server) };
}
