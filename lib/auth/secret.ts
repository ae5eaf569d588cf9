/** The session secret, apart from next-auth's options so that code outside requests (the worker) can sign with it. */
import { randomBytes } from 'node:crypto';
import { configuredAuthSecret, testMode } from '@/lib/config/mode';

const g = globalThis as unknown as { __patronageTestModeSecret?: string };

/**
 * NEXTAUTH_SECRET, always outside test mode (start-up refuses to run without it; there is no built-in
 * fallback). In test mode without one (`npm start` writes one to ./data, so this is `next dev` and
 * tests), a random secret for this process: nothing fixed that anyone could know.
 */
export function authSecret(): string | undefined {
  const s = configuredAuthSecret();
  if (s) return s;
  if (!testMode()) return undefined;
  g.__patronageTestModeSecret ??= randomBytes(32).toString('hex');
  return g.__patronageTestModeSecret;
}
