/** Settings read from the environment; see the README's settings table. */
export function siteUrl(): string {
  const fromEnv = process.env.SITE_URL?.trim();
  if (fromEnv) return fromEnv.replace(/\/+$/, '');
  return `http://localhost:${process.env.PORT ?? 3000}`;
}

export const siteName = (): string => process.env.SITE_NAME?.trim() || 'The Riverside Ledger';
export const siteDescription = (): string =>
  process.env.SITE_DESCRIPTION?.trim() || 'Independent local journalism, free for everyone to read, funded by its patrons.';

// Test mode is decided in one place (lib/config/mode.ts); re-exported for existing callers.
export { mailToOutbox, stripeIsLocal, testMode, mailboxAvailable } from './mode';
