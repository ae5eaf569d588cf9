/**
 * The settings `npm start` works out before serving (pure functions of the environment, so tests can
 * check them without starting anything).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { configuredAuthSecret, startupProblems, testMode } from '@/lib/config/mode';

type Env = Record<string, string | undefined>;

/** Defaults that depend on PORT, then the start-up refusals (lib/config/mode.ts). Mutates `env`. */
export function resolveStartEnv(env: Env, port: number): { problems: string[] } {
  env.SITE_URL ||= `http://localhost:${port}`;
  env.NEXTAUTH_URL ||= env.SITE_URL;
  return { problems: startupProblems(env) };
}

/**
 * How the app and the local Stripe stand-in are wired when STRIPE_SECRET_KEY is unset. A webhook
 * secret the operator set wins over the stand-in's default, and the stand-in signs with it.
 */
export function standInWiring(env: Env, ports: { app: number; standIn: number }, root: string) {
  const secretKey = env.STRIPE_SANDBOX_SECRET_KEY?.trim() || 'sk_test_patronage_local';
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim() || env.STRIPE_SANDBOX_WEBHOOK_SECRET?.trim() || 'whsec_patronage_local';
  const app = {
    STRIPE_SECRET_KEY: secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_HOST: '127.0.0.1',
    STRIPE_API_PORT: String(ports.standIn),
    STRIPE_API_PROTOCOL: 'http',
  };
  const standIn = {
    STRIPE_SANDBOX_PORT: String(ports.standIn),
    STRIPE_SANDBOX_SECRET_KEY: secretKey,
    STRIPE_SANDBOX_WEBHOOK_SECRET: webhookSecret,
    STRIPE_SANDBOX_WEBHOOK_URL: env.STRIPE_SANDBOX_WEBHOOK_URL || `http://127.0.0.1:${ports.app}/api/stripe/webhook`,
    STRIPE_SANDBOX_STATE: env.STRIPE_SANDBOX_STATE ?? path.join(root, 'data', 'stripe-sandbox.json'),
  };
  return { app, standIn };
}

/**
 * The session-signing secret: NEXTAUTH_SECRET when set. Only in test mode is one generated (kept in
 * ./data/nextauth-secret so sign-ins survive restarts); outside test mode start-up has already refused.
 */
export function sessionSecret(env: Env, root: string): string {
  const own = configuredAuthSecret(env);
  if (own) return own;
  if (!testMode(env)) throw new Error('NEXTAUTH_SECRET is not set: outside test mode sessions need a secret of your own.');
  const file = path.join(root, 'data', 'nextauth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
