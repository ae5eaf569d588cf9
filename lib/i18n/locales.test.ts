import { describe, expect, it } from 'vitest';
import { localePath, splitLocalePath, switchLocalePath, toLocale } from './locales';

describe('locale paths', () => {
  it('prefixes every language but the default', () => {
    expect(localePath('en', '/account')).toBe('/account');
    expect(localePath('uk', '/account')).toBe('/uk/account');
    expect(localePath('uk', '/')).toBe('/uk');
    expect(localePath('uk', 'https://example.com/x')).toBe('https://example.com/x');
  });

  it('splits a prefixed path and leaves others in the default language', () => {
    expect(splitLocalePath('/uk/topics/spring')).toEqual({ locale: 'uk', path: '/topics/spring' });
    expect(splitLocalePath('/uk')).toEqual({ locale: 'uk', path: '/' });
    expect(splitLocalePath('/uk?x=1')).toEqual({ locale: 'uk', path: '/?x=1' });
    expect(splitLocalePath('/ukraine-war')).toEqual({ locale: 'en', path: '/ukraine-war' });
    expect(splitLocalePath('/topics')).toEqual({ locale: 'en', path: '/topics' });
    expect(splitLocalePath('/en/topics')).toEqual({ locale: 'en', path: '/topics' });
  });

  it('switches a path between languages', () => {
    expect(switchLocalePath('/uk/support', 'en')).toBe('/support');
    expect(switchLocalePath('/support', 'uk')).toBe('/uk/support');
    expect(switchLocalePath('/', 'uk')).toBe('/uk');
  });

  it('reads unknown values as the default language', () => {
    expect(toLocale('uk')).toBe('uk');
    expect(toLocale('ru')).toBe('en');
    expect(toLocale(undefined)).toBe('en');
  });
});
