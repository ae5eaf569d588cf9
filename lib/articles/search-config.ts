/**
 * Search settings shared by the page, the query and the database (pure: no database access).
 *
 * Each article is indexed with the text-search configuration of its own language (Article.locale):
 * English articles with PostgreSQL's `english` (stemming and stop words: "herons" finds "heron"), every
 * other language with `simple` (lower-cased words, no stemming). PostgreSQL has no Ukrainian stemmer,
 * and English stemming of Ukrainian text is wrong, so `simple` is the honest choice: a Ukrainian query
 * finds the same word forms it contains. PGlite ships both configurations. The database side is the
 * SQL function article_search_config(locale) (migration 20261209100000_search_config_per_language),
 * which the trigger that fills "searchVector" calls; SEARCH_CONFIGS below must say the same.
 */
import { LOCALES, type Locale } from '@/lib/i18n/locales';

export const SEARCH_PAGE_SIZE = 10;
/** Longest search input we pass to PostgreSQL (characters, after trimming). */
export const SEARCH_MAX_LENGTH = 200;

/** The text-search configuration per article language (the SQL function article_search_config says the same). */
export const SEARCH_CONFIGS: Readonly<Record<Locale, 'english' | 'simple'>> = { en: 'english', uk: 'simple' };

/** The configuration an article in `locale` is indexed with (a language without a stemmer of its own: `simple`). */
export function searchConfigOf(locale: string): 'english' | 'simple' {
  return (LOCALES as readonly string[]).includes(locale) ? SEARCH_CONFIGS[locale as Locale] : 'simple';
}

/** The article languages indexed with PostgreSQL's `english` configuration. */
export const ENGLISH_INDEXED: readonly Locale[] = LOCALES.filter((l) => SEARCH_CONFIGS[l] === 'english');
