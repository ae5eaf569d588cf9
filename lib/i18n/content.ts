/**
 * Per-language titles and descriptions of content staff write (rounds, topics, tiers, newsletters):
 * the default-language text stays in its own columns; other languages live in a `translations` JSON
 * column shaped { "uk": { "title": "…", "description": "…" } }. A missing or empty translation falls
 * back to the default language, field by field.
 */
import { z } from 'zod';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales';

export const translationsSchema = z
  .record(z.string(), z.record(z.string(), z.string().max(10_000)))
  .refine((o) => Object.keys(o).every((l) => (LOCALES as readonly string[]).includes(l) && l !== DEFAULT_LOCALE), {
    message: 'Translations can only be given for the site’s other languages.',
  });

export type Translations = z.infer<typeof translationsSchema>;

/** The value of `field` in `locale`, falling back to the default-language value. */
export function localized(translations: unknown, locale: Locale, field: string, fallback: string): string;
export function localized(translations: unknown, locale: Locale, field: string, fallback: string | null): string | null;
export function localized(translations: unknown, locale: Locale, field: string, fallback: string | null): string | null {
  if (locale === DEFAULT_LOCALE) return fallback;
  const parsed = translationsSchema.safeParse(translations ?? {});
  const value = parsed.success ? parsed.data[locale]?.[field]?.trim() : undefined;
  return value ? value : fallback;
}

/** Translations from form fields named `<field>_<locale>` (e.g. title_uk), empty ones dropped. */
export function translationsFromForm(fd: FormData, fields: readonly string[]): Translations {
  const out: Translations = {};
  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    for (const field of fields) {
      const value = String(fd.get(`${field}_${locale}`) ?? '').trim();
      if (value) (out[locale] ??= {})[field] = value;
    }
  }
  return out;
}

/**
 * `existing` translations with `fields` replaced by those in `incoming` (a field missing or empty in
 * `incoming` is removed); other fields are kept. For content whose fields are edited in different
 * forms (a topic's title in one, its decline reason in another) sharing one `translations` column.
 */
export function mergeTranslations(existing: unknown, fields: readonly string[], incoming: Translations): Translations {
  const parsed = translationsSchema.safeParse(existing ?? {});
  const out: Translations = {};
  for (const locale of LOCALES.filter((l) => l !== DEFAULT_LOCALE)) {
    const kept = Object.entries((parsed.success ? parsed.data[locale] : undefined) ?? {}).filter(([f]) => !fields.includes(f));
    const given = fields.flatMap((f) => {
      const v = incoming[locale]?.[f]?.trim();
      return v ? [[f, v] as const] : [];
    });
    if (kept.length || given.length) out[locale] = Object.fromEntries([...kept, ...given]);
  }
  return out;
}
