/**
 * A sentence from the catalogues, carried until the language it is shown in is known: a domain
 * refusal thrown deep in lib/ (DomainError.sentence), a field error, a staff action's outcome. The
 * code that shows it (a page, a route, a server action, an email) turns it into words with `say`.
 *
 *   throw new DomainError({ code: 'NOT_FOUND', status: 404, sentence: sentence('desk.errors.noRound') });
 *   return { ok: false, message: say(locale, err.sentence) };
 */
import { createTranslator, type NestedKeyOf } from 'next-intl';
import { siteTimeZone } from '@/lib/format/dates';
import { DEFAULT_LOCALE, type Locale } from './locales';
import { messagesFor, type Messages } from './messages';

/** Any key of the English catalogue, namespace included ("desk.errors.noRound"). */
export type MessageKey = NestedKeyOf<Messages>;
export type SentenceValues = Record<string, string | number | Date>;
export type Sentence = { readonly key: MessageKey; readonly values?: SentenceValues };

export function sentence(key: MessageKey, values?: SentenceValues): Sentence {
  return values ? { key, values } : { key };
}

/** The sentence in `locale` (English when no locale is known yet, e.g. an Error's message). */
export function say(locale: Locale, s: Sentence): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), timeZone: siteTimeZone() });
  return (t as unknown as (key: string, values?: SentenceValues) => string)(s.key, s.values);
}

export const sayInEnglish = (s: Sentence): string => say(DEFAULT_LOCALE, s);

/** Sentences per form field, said in one language. */
export function sayFields(locale: Locale, fields: Readonly<Record<string, Sentence>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, s]) => [name, say(locale, s)]));
}
