/** next-auth configuration: email magic links, database sessions, roles on the session. */
import type { AuthOptions } from 'next-auth';
import EmailProvider from 'next-auth/providers/email';
import { siteName, siteUrl } from '@/lib/config/site';
import { authSecret } from './secret';

export { authSecret };
import { sendEmail } from '@/lib/mail/send';
import { magicLinkEmail } from '@/lib/mail/templates';
import { warnIfOutbox } from '@/lib/mail/transport';
import { lazyPrismaAdapter } from './adapter';
import { ensureBootstrapAdmin } from './admin-bootstrap';
import { confirmUrlFromCallbackUrl, signInLinkMinutes, signInLocale } from './magic-link';
import { toLocale } from '@/lib/i18n/locales';
import { isRole } from './roles';
import { endClaimedSessions } from '@/lib/billing/pay-first';
import { rememberSignInLocale } from './user-locale';

// next-auth v4 builds every absolute URL (including the emailed link) from NEXTAUTH_URL.
process.env.NEXTAUTH_URL ??= siteUrl();

export async function sendMagicLink({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  // Same origin as next-auth's own URL (NEXTAUTH_URL, which defaults to SITE_URL).
  const confirmUrl = confirmUrlFromCallbackUrl(url, new URL(url).origin);
  // In the language of the page the reader asked from (the /uk prefix of where they come back to).
  const locale = signInLocale(url, new URL(url).origin);
  const mail = magicLinkEmail({ url: confirmUrl, siteName: siteName(), minutes: signInLinkMinutes(), locale });
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
        const u = user as { id: string; role?: unknown; locale?: unknown };
        return {
          ...session,
          // The account's language rides along, so a request without a language cookie needs no query for it.
          user: { ...session.user, id: u.id, role: isRole(u.role) ? u.role : 'READER', locale: toLocale(u.locale) },
        };
      },
    },
    events: {
      async createUser({ user }) {
        await ensureBootstrapAdmin(user);
      },
      async signIn({ user, account }) {
        await ensureBootstrapAdmin(user);
        // The address is proven now: end any session a pay-first claim opened for it (lib/billing/pay-first.ts).
        if (account?.provider === 'email' && user.id) await endClaimedSessions(user.id);
        // The language the reader signed in from (the sign-in form's cookie) becomes their account's.
        if (user.id) await rememberSignInLocale(user.id);
      },
    },
  };
}

export const authOptions: AuthOptions = buildAuthOptions();
