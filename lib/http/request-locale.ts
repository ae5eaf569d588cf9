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

// The account's language, remembered per process for a minute: an API call (a vote: the hot path) that
// sends no cookie would otherwise cost a query each time. A change shows within the minute, and the
// switcher sets the cookie, which is read first, at once.
const ACCOUNT_TTL_MS = 60_000;
const accounts = new Map<string, { locale: Locale; at: number }>();

async function accountLocale(userId: string): Promise<Locale> {
  const now = Date.now();
  const hit = accounts.get(userId);
  if (hit && now - hit.at < ACCOUNT_TTL_MS) return hit.locale;
  let locale: Locale;
  try {
    locale = await userLocale(userId);
  } catch (err) {
    // Said while answering a failure (the database may be what failed): English rather than a second error.
    console.error('[http] could not read the account language:', err);
    return DEFAULT_LOCALE;
  }
  if (accounts.size >= 10_000) accounts.clear();
  accounts.set(userId, { locale, at: now });
  return locale;
}

/** Tests: forget the remembered account languages. */
export function forgetAccountLocales(): void {
  accounts.clear();
}

/**
 * The request's language. `user`: the signed-in user when the caller already knows (undefined: look
 * the session up; null: nobody is signed in).
 */
export async function requestLocale(req: Request, user?: { id: string } | null): Promise<Locale> {
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
  return who ? accountLocale(who.id) : DEFAULT_LOCALE;
}
