/**
 * What every node of one site must agree on, derived the same way at build time and at run time
 * (scripts/build.ts, scripts/serve.ts, next.config.ts), so that any node can answer any request:
 *
 * - the Server Actions encryption key: Next.js encrypts the variables a Server Action closes over with
 *   it and bakes the build's key into the build; a node whose key differs cannot decrypt what another
 *   node's page sent. NEXT_SERVER_ACTIONS_ENCRYPTION_KEY when set, else derived from NEXTAUTH_SECRET.
 * - the session secret (NEXTAUTH_SECRET): required on PostgreSQL (lib/config/mode.ts refuses without).
 * - the deployment id (next.config `deploymentId`): the one the build was made with, on every node.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

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

/** What Next.js passes a next.config function when a production server (`next start`, `npm run serve`) loads it. */
export const PRODUCTION_SERVER_PHASE = 'phase-production-server';

/**
 * next.config `deploymentId`: DEPLOYMENT_ID when set (scripts/build-app.ts sets it for the build to
 * what scripts/build-stamp.ts `deploymentIdFor` chose); otherwise, when a server loads the config
 * (`npm run serve` and plain `next start` alike), the id the build in `distDir` was made with, which
 * Next records in its required-server-files.json.
 *
 * Next reads next.config.ts again when a server starts, and the build's client manifest has already
 * baked `?dpl=<id>` into the chunk URLs it names. A server whose config had no id (plain `next start`)
 * rendered every other script tag without it: a browser then fetched each of the page's own chunks
 * twice, once per URL, and such a page went into the page cache every node serves.
 */
export function nextDeploymentId(phase: string, env: Env, distDir: string): string | undefined {
  const own = env.DEPLOYMENT_ID?.trim();
  if (own) return own;
  if (phase !== PRODUCTION_SERVER_PHASE) return undefined;
  try {
    const built = JSON.parse(fs.readFileSync(path.join(distDir, 'required-server-files.json'), 'utf8')) as {
      config?: { deploymentId?: unknown };
    };
    const id = built.config?.deploymentId;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined; // no build there (yet): Next itself refuses to serve it
  }
}
