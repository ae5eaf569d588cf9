/**
 * Magic links that survive mail scanners. next-auth's callback URL consumes the token on GET, so a
 * scanner "previewing" the link would burn it. We email /signin/confirm instead: a page that does
 * not touch the token and asks the person to press "Sign in", which navigates to the callback.
 */
import { z } from 'zod';
import { DEFAULT_LOCALE, localePath, splitLocalePath, type Locale } from '@/lib/i18n/locales';

export const CONFIRM_PATH = '/signin/confirm';

/** SIGNIN_LINK_MINUTES: how long an emailed sign-in link works (default 30, at most a day). */
export const DEFAULT_SIGNIN_LINK_MINUTES = 30;
export function signInLinkMinutes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SIGNIN_LINK_MINUTES?.trim();
  if (!raw) return DEFAULT_SIGNIN_LINK_MINUTES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1440)
    throw new Error(`SIGNIN_LINK_MINUTES must be a whole number of minutes from 1 to 1440 (got "${raw}").`);
  return n;
}
export const CALLBACK_PATH = '/api/auth/callback/email';

/**
 * The language a sign-in was asked for in: the prefix of the page the reader comes back to
 * (/uk/topics → uk). Sign-in links and their email are in that language.
 */
export function signInLocale(nextAuthUrl: string, siteUrl: string): Locale {
  try {
    return splitLocalePath(safeCallbackUrl(new URL(nextAuthUrl).searchParams.get('callbackUrl'), siteUrl)).locale;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** Rewrites next-auth's `…/api/auth/callback/email?callbackUrl&token&email` into our confirm page URL (in the sign-in's language). */
export function confirmUrlFromCallbackUrl(nextAuthUrl: string, siteUrl: string): string {
  const src = new URL(nextAuthUrl);
  const token = src.searchParams.get('token');
  const email = src.searchParams.get('email');
  if (!token || !email) throw new Error('next-auth sign-in URL without token or email');
  const callbackUrl = safeCallbackUrl(src.searchParams.get('callbackUrl'), siteUrl);
  // The confirm page speaks the language of the page the reader is going back to (/uk/… → /uk/signin/confirm).
  const out = new URL(localePath(splitLocalePath(callbackUrl).locale, CONFIRM_PATH), siteUrl.replace(/\/+$/, '') + '/');
  out.searchParams.set('token', token);
  out.searchParams.set('email', email);
  if (callbackUrl !== '/') out.searchParams.set('callbackUrl', callbackUrl);
  return out.toString();
}

/**
 * Only same-site destinations; returns a path ("/desk?x=1"). Anything else (other origins,
 * protocol-relative "//evil", javascript:) becomes "/".
 */
export function safeCallbackUrl(raw: string | null | undefined, siteUrl: string): string {
  if (!raw) return '/';
  try {
    const base = new URL(siteUrl);
    const url = new URL(raw, base);
    if (url.origin !== base.origin) return '/';
    return `${url.pathname}${url.search}${url.hash}` || '/';
  } catch {
    return '/';
  }
}

export const confirmParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'The sign-in link is incomplete'),
  email: z.email({ error: 'The sign-in link is incomplete' }),
  callbackUrl: z.string().max(2000).optional(),
});

export const signInEmailSchema = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'That email address is too long')
    .pipe(z.email({ error: 'Enter a valid email address, like name@example.com' })),
});

/** The `signin.errors` catalogue key for next-auth's ?error= codes (the sign-in page says it in the reader's language). */
export function signInErrorKey(
  code: string | undefined | null,
): 'verification' | 'emailSignin' | 'rateLimited' | 'accessDenied' | 'sessionRequired' | 'configuration' | 'other' | null {
  if (!code) return null;
  switch (code) {
    case 'Verification':
      return 'verification';
    case 'EmailSignin':
      return 'emailSignin';
    case 'RateLimited':
      return 'rateLimited';
    case 'AccessDenied':
      return 'accessDenied';
    case 'SessionRequired':
      return 'sessionRequired';
    case 'Configuration':
    case 'configuration':
      return 'configuration';
    default:
      return 'other';
  }
}

/** The `signin.form` catalogue key for a signInEmailSchema message. */
export function signInEmailErrorKey(message: string): 'emailMissing' | 'emailTooLong' | 'emailInvalid' {
  if (message === 'Enter your email address') return 'emailMissing';
  if (message === 'That email address is too long') return 'emailTooLong';
  return 'emailInvalid';
}

/** Plain-words explanations for next-auth's ?error= codes (English). */
export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  switch (code) {
    case 'Verification':
      return 'That sign-in link has expired or was already used. Request a new one.';
    case 'EmailSignin':
      return "We couldn't send the sign-in email. Check the address and try again in a moment.";
    case 'RateLimited':
      return 'Too many sign-in links were asked for, for this address or from your network, in a short time. To protect the inbox, please wait a while (up to an hour) and try again.';
    case 'AccessDenied':
      return "You don't have access with that account.";
    case 'SessionRequired':
      return 'Please sign in to continue.';
    case 'Configuration':
    case 'configuration':
      return 'Sign-in is not configured correctly on this site. Please tell the newsroom.';
    default:
      return 'Something went wrong while signing in. Please request a new link.';
  }
}
