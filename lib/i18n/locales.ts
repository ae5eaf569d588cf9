/**
 * The languages Patronage speaks and how they appear in URLs. English is the default and has no
 * prefix (/articles/x); every other language has one (/uk/articles/x). next.config.ts rewrites
 * unprefixed paths to the internal /en/… route (English articles have their own folder instead,
 * lib/i18n/routes.ts), so no proxy runs on the reading path and pages stay static per locale. Pure
 * module: pages, client components, emails and workers all use it.
 */
export const LOCALES = ['en', 'uk'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie that remembers a reader's choice (set by the language switcher; read only by dynamic routes). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** BCP 47 tags for Intl formatting. */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-US', uk: 'uk-UA' };

/** Each language named in itself, for the switcher. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', uk: 'Українська' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A value from a cookie, a column or a form; anything unknown is the default language. */
export function toLocale(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** "/account" in "uk" → "/uk/account"; in the default language the path is unchanged. Absolute URLs pass through. */
export function localePath(locale: Locale, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  if (locale === DEFAULT_LOCALE) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/**
 * The language of a path and the path without its prefix: "/uk/topics" → ["uk", "/topics"]. The
 * internal "/en/…" form (what a page sees while it is prerendered) reads as the default language.
 */
export function splitLocalePath(path: string): { locale: Locale; path: string } {
  const match = /^\/([a-z]{2})(?=\/|$|\?|#)(.*)$/.exec(path);
  if (match && isLocale(match[1])) {
    const rest = match[2] ?? '';
    return { locale: match[1], path: rest === '' || rest.startsWith('?') || rest.startsWith('#') ? `/${rest}` : rest };
  }
  return { locale: DEFAULT_LOCALE, path };
}

/** The same page in another language (the switcher's fallback when a page has no translated counterpart). */
export function switchLocalePath(path: string, to: Locale): string {
  return localePath(to, splitLocalePath(path).path);
}
