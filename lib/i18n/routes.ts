/**
 * How unprefixed English URLs reach app/[locale]: a rewrite in next.config.ts (handled by Next's
 * router, not by a proxy function, so the reading path gains no per-request code). Paths outside the
 * reader site (API, staff areas, assets, the mailbox, the sitemap and robots) are left alone.
 */
import { DEFAULT_LOCALE, LOCALES } from './locales';

/** First path segments that never belong to a language. */
export const UNLOCALISED_SEGMENTS = ['api', '_next', 'desk', 'dashboard', 'dev', 'r', 'demo', 'forbidden'] as const;
/** Root files that never belong to a language. */
export const UNLOCALISED_FILES = ['robots.txt', 'sitemap.xml', 'logo.svg', 'icon.svg', 'favicon.ico'] as const;

const escape = (s: string) => s.replace(/[.]/g, '\\.');
const notLocalised = [
  '(?!__)', // Next's own development endpoints (/__nextjs_…)
  `(?!(?:${[...LOCALES, ...UNLOCALISED_SEGMENTS].join('|')})(?:/|$))`,
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
