/**
 * What every node of one site must agree on, derived the same way at build time and at run time
 * (scripts/build.ts, scripts/serve.ts, next.config.ts), so that any node can answer any request:
 *
 * - the Server Actions encryption key: Next.js encrypts the variables a Server Action closes over with
 *   it and bakes the build's key into the build; a node whose key differs cannot decrypt what another
 *   node's page sent. NEXT_SERVER_ACTIONS_ENCRYPTION_KEY when set, else derived from NEXTAUTH_SECRET.
 * - the session secret (NEXTAUTH_SECRET): required on PostgreSQL (lib/config/mode.ts refuses without).
 */
import { createHmac } from 'node:crypto';

type Env = Record<string, string | undefined>;

/** AES-256 key, base64 (the format Next.js expects): the operator's, or derived from the session secret. */
export function serverActionsKey(env: Env = process.env): string | undefined {
  const own = env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY?.trim();
  if (own) return own;
  const secret = env.NEXTAUTH_SECRET?.trim() || env.AUTH_SECRET?.trim();
  // A separate key, not the secret itself: knowing one must not give the other.
  return secret ? createHmac('sha256', secret).update('patronage:server-actions-encryption-key').digest('base64') : undefined;
}

/** Sets NEXT_SERVER_ACTIONS_ENCRYPTION_KEY in `env` when it can be derived (before Next.js reads it). */
export function applyServerActionsKey(env: Env = process.env): void {
  const key = serverActionsKey(env);
  if (key) env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = key;
}
