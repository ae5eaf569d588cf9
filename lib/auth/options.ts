/** next-auth configuration: email magic links, database sessions, roles on the session. */
import type { AuthOptions } from 'next-auth';
import EmailProvider from 'next-auth/providers/email';
import { siteName, siteUrl, mailToOutbox } from '@/lib/config/site';
import { sendEmail } from '@/lib/mail/send';
import { magicLinkEmail } from '@/lib/mail/templates';
import { warnIfOutbox } from '@/lib/mail/transport';
import { lazyPrismaAdapter } from './adapter';
import { ensureBootstrapAdmin } from './admin-bootstrap';
import { confirmUrlFromCallbackUrl } from './magic-link';
import { isRole } from './roles';

// next-auth v4 builds every absolute URL (including the emailed link) from NEXTAUTH_URL.
process.env.NEXTAUTH_URL ??= siteUrl();

const DEV_SECRET = 'patronage-test-mode-secret-do-not-use-in-production';

function authSecret(): string | undefined {
  const s = process.env.NEXTAUTH_SECRET?.trim() || process.env.AUTH_SECRET?.trim();
  if (s) return s;
  // Test mode (mail to the local outbox) may run without a secret; production must set one.
  if (mailToOutbox() || process.env.NODE_ENV !== 'production') return DEV_SECRET;
  return undefined;
}

export async function sendMagicLink({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  // Same origin as next-auth's own URL (NEXTAUTH_URL, which defaults to SITE_URL).
  const confirmUrl = confirmUrlFromCallbackUrl(url, new URL(url).origin);
  const mail = magicLinkEmail({ url: confirmUrl, siteName: siteName() });
  await sendEmail({ to: identifier, ...mail, kind: 'magic-link' });
}

export function buildAuthOptions(): AuthOptions {
  warnIfOutbox();
  return {
    adapter: lazyPrismaAdapter(),
    secret: authSecret(),
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    providers: [
      EmailProvider({
        maxAge: 24 * 60 * 60,
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
