import { describe, expect, it } from 'vitest';
import { localized, translationsFromForm, translationsSchema } from './content';

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
});
