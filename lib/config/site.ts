/** Settings read from the environment; see the README's settings table. */
export function siteUrl(): string {
  const fromEnv = process.env.SITE_URL?.trim();
  if (fromEnv) return fromEnv.replace(/\/+$/, '');
  return `http://localhost:${process.env.PORT ?? 3000}`;
}

export const siteName = (): string => process.env.SITE_NAME?.trim() || 'The Riverside Ledger';
export const siteDescription = (): string =>
  process.env.SITE_DESCRIPTION?.trim() || 'Independent local journalism, free for everyone to read, funded by its patrons.';

/** Mail goes to the local outbox (and /dev/mailbox exists) only when no SMTP server is configured. */
export const mailToOutbox = (): boolean => !process.env.EMAIL_SERVER?.trim();

/** The app talks to the local Stripe stand-in when no real secret key is configured. */
export const stripeIsLocal = (): boolean => {
  const key = process.env.STRIPE_SECRET_KEY?.trim();
  return !key || Boolean(process.env.STRIPE_API_HOST?.trim());
};

export const testMode = (): boolean => mailToOutbox() || stripeIsLocal();
