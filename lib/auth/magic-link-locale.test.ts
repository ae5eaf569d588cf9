/** The emailed sign-in link and the sign-in errors keep the reader's language. */
import { describe, expect, it } from 'vitest';
import { confirmUrlFromCallbackUrl, signInEmailErrorKey, signInEmailSchema, signInErrorKey, signInErrorMessage } from './magic-link';
import { translator } from '@/lib/i18n/translator';

const nextAuthUrl = (callbackUrl: string) =>
  `https://news.example/api/auth/callback/email?${new URLSearchParams({ callbackUrl, token: 't'.repeat(32), email: 'a@b.test' })}`;

describe('sign-in in the reader’s language', () => {
  it('the confirm page of a reader going back to a /uk page is /uk/signin/confirm; English stays unprefixed', () => {
    const uk = new URL(confirmUrlFromCallbackUrl(nextAuthUrl('https://news.example/uk/account'), 'https://news.example'));
    expect(uk.pathname).toBe('/uk/signin/confirm');
    expect(uk.searchParams.get('callbackUrl')).toBe('/uk/account');
    const en = new URL(confirmUrlFromCallbackUrl(nextAuthUrl('https://news.example/account'), 'https://news.example'));
    expect(en.pathname).toBe('/signin/confirm');
  });

  it('next-auth error codes and email problems have catalogue keys whose English is the sentence shown before', () => {
    const t = translator('en', 'signin');
    for (const code of ['Verification', 'EmailSignin', 'RateLimited', 'AccessDenied', 'SessionRequired', 'Configuration', 'Whatever'])
      expect(t(`errors.${signInErrorKey(code)!}`)).toBe(signInErrorMessage(code));
    expect(signInErrorKey(undefined)).toBeNull();
    const form = translator('en', 'signin.form');
    for (const email of ['', 'x'.repeat(300) + '@b.test', 'not-an-address']) {
      const message = signInEmailSchema.safeParse({ email }).error!.issues[0]!.message;
      expect(form(signInEmailErrorKey(message))).toBe(message);
    }
    expect(translator('uk', 'signin')(`errors.${signInErrorKey('Verification')!}`)).toMatch(/посилання/);
  });
});
