/**
 * The one place that decides whether Patronage runs in test mode, and what start-up refuses.
 *
 * Test mode: mail goes to the local outbox (no EMAIL_SERVER) or payments go to the local Stripe
 * stand-in (no STRIPE_SECRET_KEY, or STRIPE_API_HOST pointing the SDK elsewhere). In test mode the
 * mailbox (/dev/mailbox, GET /api/dev/mailbox) shows every sign-in link to whoever asks, so a test-mode
 * site must not be reachable from the internet: `startupProblems()` names the settings that make a
 * configuration look public, and both `npm start` and the server's own start-up refuse to run with any.
 */
type Env = Record<string, string | undefined>;

/** The setting that lets a public-looking configuration run in test mode anyway (a staging site, on purpose). */
export const ALLOW_PUBLIC_TEST_MODE = 'ALLOW_PUBLIC_TEST_MODE';

/** Mail goes to the local outbox (and the mailbox exists) only when no SMTP server is configured. */
export const mailToOutbox = (env: Env = process.env): boolean => !env.EMAIL_SERVER?.trim();

/** The app talks to the local Stripe stand-in when no real secret key is configured. */
export const stripeIsLocal = (env: Env = process.env): boolean => {
  const key = env.STRIPE_SECRET_KEY?.trim();
  return !key || Boolean(env.STRIPE_API_HOST?.trim());
};

export const testMode = (env: Env = process.env): boolean => mailToOutbox(env) || stripeIsLocal(env);

/** The outbox, /dev/mailbox and its JSON exist only in test mode, and only while mail goes to the outbox. */
export const mailboxAvailable = (env: Env = process.env): boolean => testMode(env) && mailToOutbox(env);

/** The session-signing secret the operator set, if any. */
export const configuredAuthSecret = (env: Env = process.env): string | undefined =>
  env.NEXTAUTH_SECRET?.trim() || env.AUTH_SECRET?.trim() || undefined;

/** localhost, *.localhost, 127.0.0.0/8 and ::1: addresses nobody else can reach. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  return /^127(\.\d{1,3}){3}$/.test(h);
}

function whyTestMode(env: Env): string {
  const reasons = [
    mailToOutbox(env) ? 'EMAIL_SERVER is not set, so sign-in links are shown to anyone at /dev/mailbox' : null,
    stripeIsLocal(env)
      ? env.STRIPE_API_HOST?.trim()
        ? 'STRIPE_API_HOST points Stripe at a stand-in'
        : 'STRIPE_SECRET_KEY is not set, so payments use the local stand-in'
      : null,
  ].filter(Boolean);
  return `Patronage is in test mode (${reasons.join('; ')})`;
}

/**
 * Why this configuration must not start, one sentence each naming the setting to change; empty when
 * it may. Checked by `npm start` (scripts/start.ts) and by the server itself (instrumentation.ts).
 */
export function startupProblems(env: Env = process.env): string[] {
  const problems: string[] = [];
  if (testMode(env)) {
    if (env[ALLOW_PUBLIC_TEST_MODE]?.trim() !== '1') {
      const override = `or set ${ALLOW_PUBLIC_TEST_MODE}=1 to run a public test site on purpose`;
      for (const name of ['SITE_URL', 'NEXTAUTH_URL']) {
        const raw = env[name]?.trim();
        if (!raw) continue;
        let host: string;
        try {
          host = new URL(raw).hostname;
        } catch {
          problems.push(`${name} must be a URL like https://news.example.org (got "${raw}").`);
          continue;
        }
        if (!isLoopbackHost(host)) {
          problems.push(
            `${whyTestMode(env)}, but ${name} is ${raw}, a public address. Set EMAIL_SERVER and STRIPE_SECRET_KEY for a public site, set ${name} to a localhost address, ${override}.`,
          );
        }
      }
      const key = env.STRIPE_SECRET_KEY?.trim() ?? '';
      if (/^(sk|rk)_live_/.test(key)) {
        problems.push(
          `${whyTestMode(env)}, but STRIPE_SECRET_KEY is a live key (real money). Set EMAIL_SERVER${env.STRIPE_API_HOST?.trim() ? ' and unset STRIPE_API_HOST' : ''}, use an sk_test_ key, ${override}.`,
        );
      }
    }
  }
  const minutes = env.SIGNIN_LINK_MINUTES?.trim();
  if (minutes && !(/^\d+$/.test(minutes) && Number(minutes) >= 1 && Number(minutes) <= 1440)) {
    problems.push(`SIGNIN_LINK_MINUTES must be a whole number of minutes from 1 to 1440 (got "${minutes}").`);
  }
  if (!configuredAuthSecret(env)) {
    // On PostgreSQL several nodes may serve one site: a secret generated per node would sign each
    // node's sessions (and derive its Server Actions key, lib/config/cluster.ts) differently.
    if (env.DATABASE_URL?.trim()) {
      problems.push(
        'NEXTAUTH_SECRET is not set: on PostgreSQL (DATABASE_URL) every node must sign sessions with the same secret, test mode or not. Set NEXTAUTH_SECRET to one long random value for all nodes (e.g. `openssl rand -hex 32`).',
      );
    } else if (!testMode(env)) {
      problems.push(
        'NEXTAUTH_SECRET is not set: outside test mode sessions need a secret of your own. Set NEXTAUTH_SECRET to a long random value (e.g. `openssl rand -hex 32`).',
      );
    }
  }
  return problems;
}

/** Throws one error listing every problem (start-up code prints it and exits). */
export function assertSafeStartup(env: Env = process.env): void {
  const problems = startupProblems(env);
  if (problems.length) throw new Error(`Refusing to start:\n- ${problems.join('\n- ')}`);
}
