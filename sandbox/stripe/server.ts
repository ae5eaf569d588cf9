/**
 * Local, stateful stand-in of the Stripe API for tests and development.
 * Point the official SDK at it with:
 *   new Stripe(secretKey, { host: '127.0.0.1', port, protocol: 'http' })
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { API_VERSION, Sandbox } from './core.ts';
import { ApiError, errors, expandList, parseForm, randomString, type Obj } from './protocol.ts';
import { Store } from './store.ts';
import { Router } from './router.ts';
import { WebhookDeliverer, type ChaosOptions, type DeliveryRecord, type Endpoint } from './webhooks.ts';
import { processDue } from './billing.ts';
import { handlePage } from './pages.ts';
import { installCustomers } from './resources/customers.ts';
import { installBalance } from './balance.ts';
import { installCatalog } from './resources/catalog.ts';
import { installCheckout } from './resources/checkout.ts';
import { installSubscriptions } from './resources/subscriptions.ts';
import { installInvoices } from './resources/invoices.ts';
import { installMisc } from './resources/misc.ts';

export type { ChaosOptions, DeliveryRecord } from './webhooks.ts';

export interface StripeSandboxOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Base URL used in hosted page links (checkout/portal/invoice `url`s); default http://<host>:<port>. */
  publicUrl?: string;
  /** The only accepted API key (must start with sk_test_); default sk_test_patronage_local. */
  secretKey?: string;
  /** A webhook endpoint configured at start (receives every event type). */
  webhookUrl?: string;
  /** Signing secret for webhookUrl; default whsec_patronage_local. */
  webhookSecret?: string;
  /** JSON file to persist state in (reloaded on start). In memory only when unset. */
  persistPath?: string;
  /** Milliseconds between writes of the persisted state (default 50). */
  saveDelayMs?: number;
  /** First webhook retry delay in ms, doubled each attempt; default 2000. */
  retryBaseMs?: number;
  /** Delivery attempts per event and endpoint before giving up; default 8. */
  maxDeliveryAttempts?: number;
  /** Webhook chaos: duplicates, reordering, delays (every event still arrives at least once). */
  chaos?: ChaosOptions;
  /** Interval of the real-time renewal scan for customers without a test clock, ms; default 30000. */
  renewalScanMs?: number;
  /** How long a SEPA Direct Debit stays processing before it succeeds or fails, ms; default 1500. */
  sepaSettleMs?: number;
  /** No console output. */
  quiet?: boolean;
}

export interface StripeSandbox {
  url: string;
  port: number;
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  close(): Promise<void>;
  /** Resolves when no webhook delivery is queued or in flight and no test clock is advancing. */
  deliveriesSettled(): Promise<void>;
  /** Every delivery attempt so far (test helper). */
  deliveries(): DeliveryRecord[];
}

export async function startStripeSandbox(opts: StripeSandboxOptions = {}): Promise<StripeSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const secretKey = opts.secretKey ?? 'sk_test_patronage_local';
  if (!secretKey.startsWith('sk_test_')) throw new Error('secretKey must start with sk_test_');
  const webhookSecret = opts.webhookSecret ?? 'whsec_patronage_local';
  const store = new Store(opts.persistPath, opts.saveDelayMs);
  const router = new Router();

  const server = http.createServer();
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${displayHost}:${port}`;
  const publicUrl = (opts.publicUrl ?? url).replace(/\/$/, '');
  const sb = new Sandbox(store, publicUrl, API_VERSION);
  if (opts.sepaSettleMs !== undefined) sb.sepaSettleMs = opts.sepaSettleMs;

  installCustomers(router);
  installBalance(router);
  installCatalog(router);
  installCheckout(router, sb);
  installSubscriptions(router, sb);
  installInvoices(router, sb);
  installMisc(router, sb);

  const endpoints = (): Endpoint[] => {
    const list: Endpoint[] = [];
    if (opts.webhookUrl) list.push({ id: 'we_configured_at_start', url: opts.webhookUrl, secret: webhookSecret, enabledEvents: ['*'] });
    for (const ep of store.all('webhook_endpoint', (e) => e.status === 'enabled')) {
      list.push({ id: ep.id, url: ep.url, secret: store.meta(ep.id).secret as string, enabledEvents: ep.enabled_events as string[] });
    }
    return list;
  };
  const deliverer = new WebhookDeliverer({
    endpoints,
    retryBaseMs: opts.retryBaseMs ?? 2000,
    maxAttempts: opts.maxDeliveryAttempts ?? 8,
    chaos: opts.chaos,
    quiet: opts.quiet,
    busy: () => sb.pendingWork > 0,
    onDelivered: (eventId) => {
      const ev = store.get(eventId);
      if (ev && ev.pending_webhooks > 0) {
        ev.pending_webhooks -= 1;
        store.put(ev);
      }
    },
  });
  sb.sink = deliverer;

  const scan = setInterval(() => {
    try {
      processDue(sb, null, sb.realNow());
    } catch (e) {
      if (!opts.quiet) console.error('[stripe-sandbox] renewal scan failed', e);
    }
  }, opts.renewalScanMs ?? 30_000);
  scan.unref();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      if (!opts.quiet) console.error('[stripe-sandbox] internal error', e);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: 'Internal error in the local Stripe stand-in.' } }));
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    if (u.pathname === '/__sandbox/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true, apiVersion: API_VERSION, url: publicUrl }));
      return;
    }
    if (!u.pathname.startsWith('/v1/')) {
      if (await handlePage(sb, req, res, u.pathname)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
      return;
    }
    const body = method === 'GET' ? '' : await readBody(req);
    const requestId = `req_${randomString(14)}`;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Request-Id': requestId,
      'Stripe-Version': String(req.headers['stripe-version'] ?? API_VERSION),
      'Cache-Control': 'no-cache, no-store',
    };
    const idemKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    if (idemKey) headers['Idempotency-Key'] = idemKey;

    const respond = (status: number, payload: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { ...headers, ...extra, 'Content-Length': String(Buffer.byteLength(payload)) });
      res.end(payload);
    };

    // Auth: Bearer or Basic (key as user name), as Stripe accepts.
    const authError = checkAuth(req.headers.authorization, secretKey);
    if (authError) {
      respond(401, JSON.stringify(authError.toJSON(), null, 2));
      return;
    }

    const mutating = method === 'POST' || method === 'DELETE';
    const bodyHash = createHash('sha256').update(`${method} ${u.pathname}?${u.search}\n${body}`).digest('hex');
    if (mutating && idemKey) {
      const prior = store.idempotent(idemKey);
      if (prior) {
        if (prior.method !== method || prior.path !== u.pathname || prior.bodyHash !== bodyHash) {
          const e = errors.idempotency(
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`,
          );
          respond(400, JSON.stringify(e.toJSON(), null, 2));
          return;
        }
        respond(prior.status, prior.body, { 'Idempotent-Replayed': 'true', 'Original-Request': prior.requestId });
        return;
      }
    }

    let status = 200;
    let payload: string;
    const match = router.match(method, u.pathname);
    sb.request = mutating ? { id: requestId, idempotencyKey: idemKey } : { id: null, idempotencyKey: null };
    try {
      if (!match) throw errors.noRoute(method, u.pathname);
      const params = { ...parseForm(u.search.slice(1)), ...parseForm(body) };
      const result = match.handler({ method, path: u.pathname, params, args: match.args, expand: expandList(params), sb });
      payload = JSON.stringify(result, null, 2);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      status = e.status;
      const json = e.toJSON();
      json.error.request_log_url = `${publicUrl}/logs/${requestId}`;
      payload = JSON.stringify(json, null, 2);
    } finally {
      sb.request = { id: null, idempotencyKey: null };
    }
    if (mutating && idemKey && status < 500) {
      store.rememberIdempotent(idemKey, { method, path: u.pathname, bodyHash, status, body: payload, requestId, createdAt: Date.now() });
    }
    respond(status, payload);
  }

  if (!opts.quiet) {
    // One line is enough; the CLI prints its own.
  }

  return {
    url,
    port,
    secretKey,
    publishableKey: `pk_test_${secretKey.slice('sk_test_'.length)}`,
    webhookSecret,
    deliveriesSettled: () => deliverer.settled(),
    deliveries: () => deliverer.log.slice(),
    async close() {
      clearInterval(scan);
      deliverer.close();
      store.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function checkAuth(header: string | undefined, secretKey: string): ApiError | null {
  if (!header) {
    return errors.auth(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  let key = '';
  if (/^bearer /i.test(header)) key = header.slice(7).trim();
  else if (/^basic /i.test(header)) key = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8').split(':')[0] ?? '';
  if (!key.startsWith('sk_test_') || key !== secretKey) {
    const shown = key.length > 8 ? `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` : key;
    return errors.auth(`Invalid API Key provided: ${shown}`);
  }
  return null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export type { Obj };
