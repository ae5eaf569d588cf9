/**
 * How unprefixed English URLs reach app/[locale]: a rewrite in next.config.ts (handled by Next's
 * router, not by a proxy function, so the reading path gains no per-request code). Paths outside the
 * reader site (API, staff areas, assets, the mailbox, the sitemap and robots) are left alone.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales';

/** First path segments that never belong to a language. */
export const UNLOCALISED_SEGMENTS = ['api', '_next', 'desk', 'dashboard', 'dev', 'r', 'demo', 'forbidden'] as const;
/**
 * Reader routes whose English pages have a folder of their own (app/(english)/…, the [locale] page in
 * English) instead of the rewrite to /en/…: Next runs a rewrite again inside every request of the page
 * it leads to, and the article is the page read most (README "Languages: English at its own address").
 */
export const ENGLISH_OWN_ROUTES = ['articles'] as const;
/** Root files that never belong to a language. */
export const UNLOCALISED_FILES = ['robots.txt', 'sitemap.xml', 'logo.svg', 'icon.svg', 'favicon.ico'] as const;

const escape = (s: string) => s.replace(/[.]/g, '\\.');
const notLocalised = [
  '(?!__)', // Next's own development endpoints (/__nextjs_…)
  `(?!(?:${[...LOCALES, ...UNLOCALISED_SEGMENTS, ...ENGLISH_OWN_ROUTES].join('|')})(?:/|$))`,
  `(?!(?:${UNLOCALISED_FILES.map(escape).join('|')})$)`,
].join('');

export function localeRewrites() {
  return [
    { source: '/', destination: `/${DEFAULT_LOCALE}` },
    { source: `/:path(${notLocalised}.+)`, destination: `/${DEFAULT_LOCALE}/:path` },
  ];
}

/** /en/… is the internal address of English pages: readers and search engines get the unprefixed one. */
export function localeRedirects() {
  return [
    { source: `/${DEFAULT_LOCALE}`, destination: '/', permanent: true },
    { source: `/${DEFAULT_LOCALE}/:path*`, destination: '/:path*', permanent: true },
  ];
}

/**
 * The path Next caches a reader page under, for revalidatePath: "/topics" in English is "/en/topics"
 * (the rewrite's target), but an English page with its own folder is cached at its address.
 */
export function cachedReaderPath(locale: Locale, path: string): string {
  if (locale === DEFAULT_LOCALE && hasOwnEnglishFolder(path)) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** Whether a reader path ("/articles/x", "/articles/[slug]") is one of ENGLISH_OWN_ROUTES. */
export function hasOwnEnglishFolder(path: string): boolean {
  return (ENGLISH_OWN_ROUTES as readonly string[]).includes(path.split('/')[1] ?? '');
}
