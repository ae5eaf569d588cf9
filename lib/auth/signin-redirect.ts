/**
 * next-auth knows one address per page (pages.signIn, verifyRequest, error in lib/auth/options.ts: the
 * English /signin…), so a reader who signs in from a /uk page would land on English pages. The auth
 * route puts next-auth's own redirects to those pages into the language the sign-in was asked in.
 */
import { siteUrl } from '@/lib/config/site';
import { cookieLocale } from '@/lib/http/request-locale';
import { DEFAULT_LOCALE, localePath, splitLocalePath, type Locale } from '@/lib/i18n/locales';
import { safeCallbackUrl } from './magic-link';

/** next-auth's pages (lib/auth/options.ts `pages`): /signin, /signin/check-email, /signin?error=… */
const SIGNIN_PAGES = /^\/signin(?:\/check-email)?$/;

/** next-auth's callback-url cookie (`next-auth.callback-url`, `__Secure-` on https): where the reader returns to. */
function callbackUrlCookie(headers: Headers): string | null {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && /(?:^|-)next-auth\.callback-url$/.test(part.slice(0, eq).trim())) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * The language of a sign-in request: the NEXT_LOCALE cookie (the sign-in forms set it to their page's
 * language as they post), else the language of the page the reader comes back to (`callbackUrl`: a form
 * field, the query of next-auth's callback link, or next-auth's callback-url cookie on its own
 * follow-up redirects), else English.
 */
export function signInRequestLocale(req: Request, fields?: Record<string, unknown> | null, site: string = siteUrl()): Locale {
  const chosen = cookieLocale(req.headers);
  if (chosen) return chosen;
  const fromForm = fields?.callbackUrl;
  const raw =
    typeof fromForm === 'string' ? fromForm : (new URL(req.url).searchParams.get('callbackUrl') ?? callbackUrlCookie(req.headers));
  return raw ? splitLocalePath(safeCallbackUrl(raw, site)).locale : DEFAULT_LOCALE;
}

/** `location` (absolute or a path) in `locale` when it is one of next-auth's sign-in pages on this site; otherwise null. */
export function localizedSignInLocation(location: string, locale: Locale, site: string = siteUrl()): string | null {
  if (locale === DEFAULT_LOCALE) return null;
  let url: URL;
  let base: URL;
  try {
    base = new URL(site);
    url = new URL(location, base);
  } catch {
    return null;
  }
  const ours = [base.origin, ...(process.env.NEXTAUTH_URL ? [new URL(process.env.NEXTAUTH_URL).origin] : [])];
  if (!ours.includes(url.origin) || !SIGNIN_PAGES.test(url.pathname)) return null;
  url.pathname = localePath(locale, url.pathname);
  return /^https?:\/\//.test(location) ? url.toString() : `${url.pathname}${url.search}${url.hash}`;
}

/** next-auth's answer with its redirect to a sign-in page moved into `locale` (any other answer unchanged). */
export function localizeSignInRedirect(res: Response, locale: Locale, site: string = siteUrl()): Response {
  const location = res.headers.get('location');
  const moved = location ? localizedSignInLocation(location, locale, site) : null;
  if (!moved) return res;
  const headers = new Headers(res.headers);
  headers.set('location', moved);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
