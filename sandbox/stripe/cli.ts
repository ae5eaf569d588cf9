/**
 * Starts the local Stripe stand-in from environment variables:
 *   STRIPE_SANDBOX_PORT (default 12111), STRIPE_SANDBOX_HOST (default 127.0.0.1),
 *   STRIPE_SANDBOX_PUBLIC_URL, STRIPE_SANDBOX_SECRET_KEY (default sk_test_patronage_local),
 *   STRIPE_SANDBOX_WEBHOOK_URL, STRIPE_SANDBOX_WEBHOOK_SECRET (default whsec_patronage_local),
 *   STRIPE_SANDBOX_STATE (persist path), STRIPE_SANDBOX_SAVE_MS (default 50), STRIPE_SANDBOX_RETRY_BASE_MS,
 *   STRIPE_SANDBOX_CHAOS=duplicate,reorder,delay
 * Run: npx tsx sandbox/stripe/cli.ts
 */
import { startStripeSandbox } from './server.ts';
import { chaosFromEnv } from './webhooks.ts';

const env = process.env;
const sandbox = await startStripeSandbox({
  port: env.STRIPE_SANDBOX_PORT ? Number(env.STRIPE_SANDBOX_PORT) : 12111,
  host: env.STRIPE_SANDBOX_HOST || '127.0.0.1',
  publicUrl: env.STRIPE_SANDBOX_PUBLIC_URL || undefined,
  secretKey: env.STRIPE_SANDBOX_SECRET_KEY || 'sk_test_patronage_local',
  webhookUrl: env.STRIPE_SANDBOX_WEBHOOK_URL || undefined,
  webhookSecret: env.STRIPE_SANDBOX_WEBHOOK_SECRET || 'whsec_patronage_local',
  persistPath: env.STRIPE_SANDBOX_STATE || undefined,
  saveDelayMs: env.STRIPE_SANDBOX_SAVE_MS ? Number(env.STRIPE_SANDBOX_SAVE_MS) : undefined,
  retryBaseMs: env.STRIPE_SANDBOX_RETRY_BASE_MS ? Number(env.STRIPE_SANDBOX_RETRY_BASE_MS) : undefined,
  chaos: chaosFromEnv(env.STRIPE_SANDBOX_CHAOS),
});

console.log(
  `[stripe-sandbox] listening on ${sandbox.url} (key ${sandbox.secretKey}` +
    `${env.STRIPE_SANDBOX_WEBHOOK_URL ? `, webhooks → ${env.STRIPE_SANDBOX_WEBHOOK_URL}` : ''}` +
    `${env.STRIPE_SANDBOX_STATE ? `, state ${env.STRIPE_SANDBOX_STATE}` : ', in memory'})`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
