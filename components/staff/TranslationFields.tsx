'use client';

/**
 * The "… in Ukrainian" fields of staff forms (rounds, topics, tiers, sections, progress updates): one
 * input or textarea per field and per language other than the default, named `<field>_<locale>`
 * (what `translationsFromForm` in lib/i18n/content.ts reads) and filled from the content's
 * `translations`. An empty field means readers of that language see the default-language text.
 */
import { useTranslations } from 'next-intl';
import { localized } from '@/lib/i18n/content';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@/lib/i18n/locales';

/** What a field is, which names its label ("Name in Ukrainian", "Summary in Ukrainian" …). */
export type TranslationKind = 'name' | 'summary' | 'description' | 'reason' | 'update' | 'commitment';

export type TranslationField = {
  /** The content field (`title`, `description`, `reason` …): the control is named `<name>_<locale>`. */
  name: string;
  kind: TranslationKind;
  multiline?: boolean;
  rows?: number;
  maxLength?: number;
  /** Errors by control name (`title_uk`). */
  error?: string;
};

type Classes = { field?: string; input?: string; error?: string };

export function TranslationFields({
  idPrefix,
  fields,
  translations,
  note,
  errors = {},
  classes = {},
}: {
  /** Makes the controls' ids unique on the page: `<idPrefix>-<name>-<locale>`. */
  idPrefix: string;
  fields: readonly TranslationField[];
  /** The content's translations, shown in the fields (absent: empty fields). */
  translations?: unknown;
  /** Said after each label: "(optional)", or what an empty field means. */
  note?: 'optional' | 'fallback';
  errors?: Readonly<Record<string, string | undefined>>;
  classes?: Classes;
}) {
  const t = useTranslations('desk.translations');
  const others = LOCALES.filter((l): l is Exclude<Locale, 'en'> => l !== DEFAULT_LOCALE);
  return (
    <>
      {others.flatMap((locale) =>
        fields.map((f, i) => {
          const id = `${idPrefix}-${f.name}-${locale}`;
          const control = `${f.name}_${locale}`;
          const error = errors[control] ?? f.error;
          const label = t(`label.${f.kind}`, { language: t(`language.${locale}`) });
          // The note follows the first field of each language only ("Summary in Ukrainian", not "… (optional)" twice).
          const suffix =
            note === 'optional' ? ` ${t('optional')}` : note === 'fallback' && i === 0 ? ` ${t('fallback', { path: `/${locale}` })}` : '';
          const common = {
            id,
            name: control,
            lang: locale,
            className: classes.input,
            maxLength: f.maxLength,
            defaultValue: localized(translations, locale, f.name, ''),
            ...(error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {}),
          };
          return (
            <div key={id} className={classes.field}>
              <label htmlFor={id}>
                {label}
                {suffix}
              </label>
              {f.multiline ? <textarea rows={f.rows ?? 2} {...common} /> : <input {...common} />}
              {error ? (
                <span id={`${id}-error`} role="alert" className={classes.error}>
                  {error}
                </span>
              ) : null}
            </div>
          );
        }),
      )}
    </>
  );
}
