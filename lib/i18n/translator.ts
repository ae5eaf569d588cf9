/**
 * Translating outside React's request scope: server components (with the locale from the URL),
 * route handlers, emails rendered by the job worker and tests all use this, with next-intl's core
 * (ICU messages: plurals per language, dates, numbers). Client components use next-intl's
 * useTranslations() under the provider in app/[locale]/layout.tsx instead.
 */
import { createFormatter, createTranslator, type NamespaceKeys, type NestedKeyOf } from 'next-intl';
import { siteTimeZone } from '@/lib/format/dates';
import type { Locale } from './locales';
import { messagesFor, type Messages } from './messages';

export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

export function translator<N extends Namespace>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace, timeZone: siteTimeZone() });
}

/** Dates, numbers and lists in the reader's language and the newsroom's time zone. */
export function formatterFor(locale: Locale) {
  return createFormatter({ locale, timeZone: siteTimeZone() });
}
