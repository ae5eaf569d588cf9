import { describe, expect, it } from 'vitest';
import { formatterFor, intlFor, translator } from './translator';

describe('translators share one set of Intl formatters per language', () => {
  it('a second translator of a language builds no formatter of its own, and says the same', () => {
    const first = translator('en', 'voting.actions')('counted', { remaining: 2, budget: 3 });
    expect(first).toBe('Vote counted. 2 of 3 left.');
    const { cache } = intlFor('en');
    const built = () => Object.values(cache).reduce((n, byKey) => n + Object.keys(byKey as object).length, 0);
    const before = built();
    expect(before).toBeGreaterThan(0); // the translator used the shared cache
    for (let i = 0; i < 5; i++) {
      expect(translator('en', 'voting.actions')('counted', { remaining: 2, budget: 3 })).toBe(first);
      formatterFor('en').number(1234.5);
    }
    expect(formatterFor('en').number(1234.5)).toBe('1,234.5');
    expect(built()).toBe(before + 1); // formatterFor's number format, once
  });

  it('each language has its own, and says it in its own language', () => {
    expect(intlFor('uk')).not.toBe(intlFor('en'));
    expect(intlFor('uk')).toBe(intlFor('uk'));
    expect(translator('uk', 'voting.actions')('counted', { remaining: 2, budget: 3 })).toBe('Голос зараховано. Лишилося 2 з 3.');
    expect(formatterFor('uk').number(1234.5)).toBe(new Intl.NumberFormat('uk').format(1234.5));
  });
});
