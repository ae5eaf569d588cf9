/** next-auth configuration: email magic links, database sessions, roles on the session. */
import type { AuthOptions } from 'next-auth';
import EmailProviderExport from 'next-auth/providers/email';
import { randomBytes } from 'node:crypto';
import { siteName, siteUrl } from '@/lib/config/site';
import { configuredAuthSecret, testMode } from '@/lib/config/mode';
import { sendEmail } from '@/lib/mail/send';
import { magicLinkEmail } from '@/lib/mail/templates';
import { warnIfOutbox } from '@/lib/mail/transport';
import { lazyPrismaAdapter } from './adapter';
import { ensureBootstrapAdmin } from './admin-bootstrap';
import { confirmUrlFromCallbackUrl, signInLinkMinutes } from './magic-link';
import { isRole } from './roles';

// A CommonJS module: Next's bundler hands over its default export, plain Node (tsx: `npm run worker`,
// which reaches this file through lib/voting/follows.ts) the whole `exports` object.
const EmailProvider = ((EmailProviderExport as unknown as { default?: typeof EmailProviderExport }).default ?? EmailProviderExport) as typeof EmailProviderExport;

// next-auth v4 builds every absolute URL (including the emailed link) from NEXTAUTH_URL.
process.env.NEXTAUTH_URL ??= siteUrl();

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

export async function sendMagicLink({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  // Same origin as next-auth's own URL (NEXTAUTH_URL, which defaults to SITE_URL).
  const confirmUrl = confirmUrlFromCallbackUrl(url, new URL(url).origin);
  const mail = magicLinkEmail({ url: confirmUrl, siteName: siteName(), minutes: signInLinkMinutes() });
  // The token is the only secret in the message: the stored copy of an SMTP send never holds it.
  const token = new URL(url).searchParams.get('token');
  await sendEmail({ to: identifier, ...mail, kind: 'magic-link', redact: token ? [token] : [] });
}

export function buildAuthOptions(): AuthOptions {
  warnIfOutbox();
  return {
    adapter: lazyPrismaAdapter(),
    secret: authSecret(),
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    providers: [
      EmailProvider({
        maxAge: signInLinkMinutes() * 60,
        // The server/from settings are unused: sendVerificationRequest goes through lib/mail.
        server: 'smtp://unused.invalid',
        sendVerificationRequest: sendMagicLink,
      }),
    ],
    pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin' },
    callbacks: {
      session({ session, user }) {
        const u = user as { id: string; role?: unknown };
        return {
          ...session,
          user: { ...session.user, id: u.id, role: isRole(u.role) ? u.role : 'READER' },
        };
      },
    },
    events: {
      async createUser({ user }) {
        await ensureBootstrapAdmin(user);
      },
      async signIn({ user }) {
        await ensureBootstrapAdmin(user);
      },
    },
  };
}

export const authOptions: AuthOptions = buildAuthOptions();
