import Link from 'next/link';
import type { Metadata } from 'next';
import { getCurrentUser } from '@/lib/auth/session';
import { safeCallbackUrl, signInErrorMessage } from '@/lib/auth/magic-link';
import { siteName, siteUrl } from '@/lib/config/site';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { SignInForm } from './SignInForm';
import styles from './signin.module.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

type Search = { callbackUrl?: string | string[]; error?: string | string[] };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams, params }: { searchParams: Promise<Search>; params: Promise<{ locale: string }> }) {
  const locale = await pageLocale(params);
  const sp = await searchParams;
  // Without a destination, back to the front page in this page's language (the sign-in email follows it).
  const callbackUrl = safeCallbackUrl(first(sp.callbackUrl) ?? localePath(locale, '/'), siteUrl());
  const error = signInErrorMessage(first(sp.error));
  const user = await getCurrentUser();

  if (user) {
    return (
      <main className={styles.page}>
        <h1>You’re signed in</h1>
        <p>
          Signed in as <strong>{user.email}</strong>.
        </p>
        <p>
          <Link href={callbackUrl}>Continue</Link>
        </p>
        <SignOutButton className={styles.secondary} />
      </main>
    );
  }

  return (
    <main className={styles.page}>
      <h1>Sign in to {siteName()}</h1>
      {error ? (
        <p className={styles.alert} role="alert">
          {error}
        </p>
      ) : null}
      <p>Enter your email address and we’ll send you a link to sign in. No password needed.</p>
      <SignInForm callbackUrl={callbackUrl} />
    </main>
  );
}
