'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState } from 'react';
// Before the schema below is first used: zod in the browser without its eval probe (CSP).
import '@/components/ZodWithoutEval';
import { signInEmailSchema, signInErrorMessage } from '@/lib/auth/magic-link';
import { ErrorSummary } from '@/components/a11y/ErrorSummary';
import styles from './signin.module.css';

type State = { email: string; error?: string };

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<State, FormData>(
    async (_prev, fd) => {
      const email = String(fd.get('email') ?? '');
      const parsed = signInEmailSchema.safeParse({ email });
      if (!parsed.success) return { email, error: parsed.error.issues[0]!.message };
      const res = await signIn('email', { email: parsed.data.email, callbackUrl, redirect: false });
      if (!res || res.error) {
        const limited = res?.status === 429 ? signInErrorMessage('RateLimited') : null;
        return { email, error: limited ?? "We couldn't send the sign-in email. Check the address and try again in a moment." };
      }
      router.push(`/signin/check-email?${new URLSearchParams({ email: parsed.data.email })}`);
      return { email };
    },
    { email: '' },
  );

  return (
    <form action={action} className={styles.form} noValidate>
      <ErrorSummary errors={state.error ? [{ field: 'signin-email', message: state.error }] : []} />
      <label htmlFor="signin-email" className={styles.label}>
        Email address
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
        {pending ? 'Sending…' : 'Email me a sign-in link'}
      </button>
    </form>
  );
}
