import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';
import { stripeCheckoutLocale } from './stripe-locale';

describe('stripeCheckoutLocale', () => {
  it('English readers get English Checkout', () => {
    expect(stripeCheckoutLocale('en')).toBe('en');
  });

  it('Ukrainian readers get English (Checkout has no Ukrainian): never Russian, never the browser’s guess', () => {
    expect(stripeCheckoutLocale('uk')).toBe('en');
  });

  it('every site language maps to an explicit Stripe locale, and unknown values fall back to English', () => {
    for (const l of LOCALES) expect(['auto', 'ru', '', undefined]).not.toContain(stripeCheckoutLocale(l));
    expect(stripeCheckoutLocale('ru')).toBe('en');
    expect(stripeCheckoutLocale(undefined)).toBe('en');
  });
});
