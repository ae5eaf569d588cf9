/**
 * THE Stripe client. Everything in the app reaches Stripe (or the local stand-in) through `getStripe()`.
 *
 * Env: STRIPE_SECRET_KEY (required), STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL (optional: point
 * the SDK at the local stand-in), STRIPE_WEBHOOK_SECRET (read by `webhookSecret()`).
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import Stripe from 'stripe';
import { inProcessContext } from '@/lib/runtime/process-context';
import { DomainError } from '@/lib/errors/domain-error';
type Env = Record<string, string | undefined>;

/** The API version this code is written against (the SDK's own pinned version). */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

const globalForStripe = globalThis as unknown as { __patronageStripe?: Stripe };

export class StripeNotConfiguredError extends DomainError {
  constructor(what: string) {
    super({
      code: 'STRIPE_NOT_CONFIGURED',
      status: 503,
      message: `${what} is not set: configure Stripe (or start the local stand-in with \`npm run stripe:sandbox\`).`,
    });
  }
}

/** Builds the SDK options from the environment (exported for tests). */
export function stripeConfigFromEnv(env: Env = process.env): { key: string; config: Stripe.StripeConfig } {
  const key = env.STRIPE_SECRET_KEY?.trim();
  if (!key) throw new StripeNotConfiguredError('STRIPE_SECRET_KEY');
  const config: Stripe.StripeConfig = {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    appInfo: { name: 'Patronage', url: 'https://github.com/patronage' },
  };
  const host = env.STRIPE_API_HOST?.trim();
  const port = env.STRIPE_API_PORT?.trim();
  const protocol = env.STRIPE_API_PROTOCOL?.trim();
  if (host) config.host = host;
  if (port) {
    const n = Number(port);
    if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`STRIPE_API_PORT must be a port number, got "${port}"`);
    config.port = n;
  }
  if (protocol) {
    if (protocol !== 'http' && protocol !== 'https') throw new Error(`STRIPE_API_PROTOCOL must be http or https, got "${protocol}"`);
    config.protocol = protocol;
  }
  return { key, config };
}

/** The app's Stripe client, built lazily on first use. */
export function getStripe(): Stripe {
  if (!globalForStripe.__patronageStripe) {
    const { key, config } = stripeConfigFromEnv();
    globalForStripe.__patronageStripe = new Stripe(key, { ...config, httpAgent: keepAliveAgent(config.protocol ?? 'https') });
  }
  return globalForStripe.__patronageStripe;
}

/**
 * The SDK's own default (a keep-alive agent), except that its sockets are opened in the process's
 * async context: a pooled socket outlives the request that opened it and would otherwise keep that
 * request's render state alive (README "Memory").
 */
function keepAliveAgent(protocol: 'http' | 'https'): http.Agent {
  const Base = protocol === 'http' ? http.Agent : https.Agent;
  class ProcessContextAgent extends Base {
    override createConnection(...args: Parameters<http.Agent['createConnection']>): Duplex | null | undefined {
      return inProcessContext(() => super.createConnection(...args));
    }
  }
  return new ProcessContextAgent({ keepAlive: true });
}

/** Tests inject a client (one pointed at the stand-in, or a fake); `undefined` resets to the env-built one. */
export function setStripeForTesting(stripe: Stripe | undefined): void {
  globalForStripe.__patronageStripe = stripe;
}

/** The webhook signing secret (whsec_…). */
export function webhookSecret(): string {
  const secret = process.env.STRIPE_WEBHOOK_SECRET?.trim();
  if (!secret) throw new StripeNotConfiguredError('STRIPE_WEBHOOK_SECRET');
  return secret;
}

export { Stripe };
