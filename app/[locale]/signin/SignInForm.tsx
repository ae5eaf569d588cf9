'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
// Before the schema below is first used: zod in the browser without its eval probe (CSP).
import '@/components/ZodWithoutEval';
import { signInEmailErrorKey, signInEmailSchema } from '@/lib/auth/magic-link';
import { ErrorSummary } from '@/components/a11y/ErrorSummary';
import { LOCALE_COOKIE, localePath, toLocale } from '@/lib/i18n/locales';
import styles from './signin.module.css';

type State = { email: string; error?: string };

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const locale = toLocale(useLocale());
  // i18n-keys: signin.form.emailMissing signin.form.emailTooLong signin.form.emailInvalid
  const t = useTranslations('signin.form');
  const te = useTranslations('signin.errors');
  const [state, action, pending] = useActionState<State, FormData>(
    async (_prev, fd) => {
      const email = String(fd.get('email') ?? '');
      const parsed = signInEmailSchema.safeParse({ email });
      if (!parsed.success) return { email, error: t(signInEmailErrorKey(parsed.error.issues[0]!.message)) };
      // The account remembers the language the reader signs in from (read at sign-in: lib/auth/options.ts).
      document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
      const res = await signIn('email', { email: parsed.data.email, callbackUrl, redirect: false });
      if (!res || res.error) {
        return { email, error: res?.status === 429 ? te('rateLimited') : t('sendFailed') };
      }
      router.push(localePath(locale, `/signin/check-email?${new URLSearchParams({ email: parsed.data.email })}`));
      return { email };
    },
    { email: '' },
  );

  return (
    <form action={action} className={styles.form} noValidate>
      <ErrorSummary errors={state.error ? [{ field: 'signin-email', message: state.error }] : []} />
      <label htmlFor="signin-email" className={styles.label}>
        {t('email')}
      </label>
      <input
        id="signin-email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={state.email}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? 'signin-email-error' : undefined}
        className={styles.input}
      />
      {state.error ? (
        <p id="signin-email-error" className={styles.error}>
          {state.error}
        </p>
      ) : null}
      <button type="submit" className={styles.button} disabled={pending}>
        {pending ? t('sending') : t('button')}
      </button>
    </form>
  );
}
