/**
 * A newsletter's name, description and cadence in the reader's language: staff write the English in
 * the columns and the other languages in `translations` (lib/i18n/content.ts); the cadence word
 * comes from the catalogue.
 */
import { localized } from '@/lib/i18n/content';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export function localizedNewsletter<T extends { name: string; description: string; translations?: unknown }>(
  n: T,
  locale: Locale,
): { name: string; description: string } {
  return {
    name: localized(n.translations, locale, 'name', n.name),
    description: localized(n.translations, locale, 'description', n.description),
  };
}

/** "weekly" → "щотижня"; a cadence the catalogue does not know is shown as written. */
export function cadenceLabel(cadence: string, locale: Locale): string {
  const t = translator(locale, 'newsletters');
  return t.has(`cadence.${cadence}` as 'cadence.weekly') ? t(`cadence.${cadence}` as 'cadence.weekly') : cadence;
}

/** Everything a reader sees of a newsletter, for lists and client components (no translations blob). */
export function readerNewsletter<T extends { name: string; description: string; cadence: string; translations?: unknown }>(
  n: T,
  locale: Locale,
): Omit<T, 'translations'> {
  const { translations: _drop, ...rest } = n;
  void _drop;
  return { ...rest, ...localizedNewsletter(n, locale), cadence: cadenceLabel(n.cadence, locale) };
}
