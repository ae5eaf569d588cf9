/**
 * The language of a request that has no language in its address (API routes, form posts, next-auth's
 * endpoints): the NEXT_LOCALE cookie (what the language switcher and the sign-in forms set: this
 * browser's latest choice), else the signed-in reader's account (User.locale), else English. The same
 * rule as the staff areas' `staffLocale`, read from the Request itself so it works in any handler.
 */
import { userLocale } from '@/lib/auth/user-locale';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from '@/lib/i18n/locales';

/** The language the browser chose (the NEXT_LOCALE cookie), or null. */
export function cookieLocale(headers: Headers): Locale | null {
  const header = headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === LOCALE_COOKIE) {
      const value = part.slice(eq + 1).trim();
      if (isLocale(value)) return value;
    }
  }
  return null;
}

// The account's language: the session carries it (lib/auth/options.ts), so a vote without a cookie costs
// no query; a user built by a caller without it is looked up. Nothing is remembered in the process.
async function accountLocale(user: { id: string; locale?: Locale }): Promise<Locale> {
  if (user.locale) return user.locale;
  try {
    return await userLocale(user.id);
  } catch (err) {
    // Said while answering a failure (the database may be what failed): English rather than a second error.
    console.error('[http] could not read the account language:', err);
    return DEFAULT_LOCALE;
  }
}

/**
 * The request's language. `user`: the signed-in user when the caller already knows (undefined: look
 * the session up; null: nobody is signed in).
 */
export async function requestLocale(req: Request, user?: { id: string; locale?: Locale } | null): Promise<Locale> {
  const chosen = cookieLocale(req.headers);
  if (chosen) return chosen;
  let who = user;
  if (who === undefined) {
    try {
      // Imported when needed: the session module loads next-auth's options, which routes that never
      // look a session up (the Stripe webhook, run by bench/webhooks.ts outside Next) should not load.
      const { getCurrentUser } = await import('@/lib/auth/session');
      who = await getCurrentUser();
    } catch {
      who = null; // no session to read (outside a Next request)
    }
  }
  return who ? accountLocale(who) : DEFAULT_LOCALE;
}
