/**
 * Translating outside React's request scope: server components (with the locale from the URL),
 * route handlers, emails rendered by the job worker and tests all use this, with next-intl's core
 * (ICU messages: plurals per language, dates, numbers). Client components use next-intl's
 * useTranslations() under the provider in app/[locale]/layout.tsx instead.
 */
import { _createCache, _createIntlFormatters, createFormatter, createTranslator, type NamespaceKeys, type NestedKeyOf } from 'next-intl';
import { siteTimeZone } from '@/lib/format/dates';
import type { Locale } from './locales';
import { messagesFor, type Messages } from './messages';

export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

/**
 * next-intl's Intl formatters (numbers, plural rules, dates, lists) for one language. A translator made
 * without them builds its own, and constructing an Intl formatter costs tens of microseconds: every
 * sentence with a number in a route handler's answer, and every translator of a page render, paid it
 * again. They depend only on the language and the options they were made with (next-intl keys them so),
 * so one set per language serves every request and is the same on every node.
 */
const intlByLocale = new Map<Locale, { cache: ReturnType<typeof _createCache>; formatters: ReturnType<typeof _createIntlFormatters> }>();

export function intlFor(locale: Locale) {
  let intl = intlByLocale.get(locale);
  if (!intl) {
    const cache = _createCache();
    intl = { cache, formatters: _createIntlFormatters(cache) };
    intlByLocale.set(locale, intl);
  }
  return intl;
}

export function translator<N extends Namespace>(locale: Locale, namespace: N) {
  const { cache, formatters } = intlFor(locale);
  return createTranslator({
    locale,
    messages: messagesFor(locale),
    namespace,
    timeZone: siteTimeZone(),
    _cache: cache,
    _formatters: formatters,
  });
}

/** Dates, numbers and lists in the reader's language and the newsroom's time zone. */
export function formatterFor(locale: Locale) {
  const { cache, formatters } = intlFor(locale);
  return createFormatter({ locale, timeZone: siteTimeZone(), _cache: cache, _formatters: formatters });
}
