import Link from 'next/link';
import type { Metadata } from 'next';
import { CALLBACK_PATH, confirmParamsSchema, safeCallbackUrl } from '@/lib/auth/magic-link';
import { siteName, siteUrl } from '@/lib/config/site';
import styles from '../signin.module.css';

export const dynamic = 'force-dynamic';
// The token is in the URL: keep it out of Referer headers and search engines.
export const metadata: Metadata = { title: 'Confirm sign-in', robots: { index: false, follow: false }, referrer: 'no-referrer' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The page the magic link opens. Loading it (as mail scanners do) uses nothing up; the token is only
 * spent when the person presses the button, which navigates to next-auth's email callback.
 */
export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const parsed = confirmParamsSchema.safeParse({ token: first(sp.token), email: first(sp.email), callbackUrl: first(sp.callbackUrl) });
  if (!parsed.success) {
    return (
      <main className={styles.page}>
        <h1>This sign-in link is incomplete</h1>
        <p className={styles.alert} role="alert">
          Part of the link seems to be missing (some email apps cut long links). Request a new one.
        </p>
        <p>
          <Link href="/signin">Request a new sign-in link</Link>
        </p>
      </main>
    );
  }
  const { token, email } = parsed.data;
  const callbackUrl = safeCallbackUrl(parsed.data.callbackUrl, siteUrl());
  return (
    <main className={styles.page}>
      <h1>Sign in to {siteName()}</h1>
      <p>Press the button to finish signing in. The link can only be used once.</p>
      <form method="get" action={CALLBACK_PATH} className={styles.form}>
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <button type="submit" className={styles.button}>
          Sign in as {email}
        </button>
      </form>
      <p>
        Not you? <Link href="/signin">Sign in with another address</Link>.
      </p>
    </main>
  );
}
