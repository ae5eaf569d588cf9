import { describe, expect, it } from 'vitest';
import { localized, mergeTranslations, translationsFromForm, translationsSchema } from './content';

describe('content translations', () => {
  const tr = { uk: { title: 'Ціни на житло', description: '  ' } };

  it('gives the translation in its language and the default text otherwise, field by field', () => {
    expect(localized(tr, 'uk', 'title', 'Housing prices')).toBe('Ціни на житло');
    expect(localized(tr, 'uk', 'description', 'Why rents rise')).toBe('Why rents rise');
    expect(localized(tr, 'en', 'title', 'Housing prices')).toBe('Housing prices');
    expect(localized(null, 'uk', 'title', 'Housing prices')).toBe('Housing prices');
    expect(localized({ uk: 5 }, 'uk', 'title', 'Housing prices')).toBe('Housing prices');
  });

  it('reads translations from form fields and refuses unknown languages', () => {
    const fd = new FormData();
    fd.set('title_uk', ' Ціни ');
    fd.set('description_uk', '');
    expect(translationsFromForm(fd, ['title', 'description'])).toEqual({ uk: { title: 'Ціни' } });
    expect(translationsSchema.safeParse({ ru: { title: 'x' } }).success).toBe(false);
    expect(translationsSchema.safeParse({ en: { title: 'x' } }).success).toBe(false);
  });

  it('merges the fields one form edits into the translations, keeping the others', () => {
    const existing = { uk: { title: 'Ціни на житло', declineReason: 'Вже пишемо про це' } };
    // Saving the name and summary keeps the decline reason written elsewhere.
    expect(mergeTranslations(existing, ['title', 'description'], { uk: { title: 'Житло', description: 'Чому ростуть ціни' } })).toEqual({
      uk: { declineReason: 'Вже пишемо про це', title: 'Житло', description: 'Чому ростуть ціни' },
    });
    // An empty field removes its translation; a language left with nothing disappears.
    expect(mergeTranslations(existing, ['declineReason'], { uk: { declineReason: ' ' } })).toEqual({ uk: { title: 'Ціни на житло' } });
    expect(mergeTranslations({ uk: { reason: 'x' } }, ['reason'], {})).toEqual({});
    expect(mergeTranslations('not json', ['reason'], { uk: { reason: 'Пауза' } })).toEqual({ uk: { reason: 'Пауза' } });
  });
});
