import Link from 'next/link';
import type { Metadata } from 'next';
import { getCurrentUser } from '@/lib/auth/session';
import { safeCallbackUrl, signInErrorKey } from '@/lib/auth/magic-link';
import { siteName, siteUrl } from '@/lib/config/site';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { SignOutButton } from '@/components/auth/SignOutButton';
import { PageMessages } from '@/components/i18n/PageMessages';
import { SignInForm } from './SignInForm';
import styles from './signin.module.css';

export const dynamic = 'force-dynamic';

type Search = { callbackUrl?: string | string[]; error?: string | string[] };
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Search> };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'signin.meta');
  return { title: t('title'), robots: { index: false } };
}

export default async function SignInPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'signin');
  const sp = await searchParams;
  // Without a destination the reader goes back to the front page in their language.
  const raw = first(sp.callbackUrl);
  const callbackUrl = raw ? safeCallbackUrl(raw, siteUrl()) : localePath(locale, '/');
  const errorKey = signInErrorKey(first(sp.error));
  const user = await getCurrentUser();

  if (user) {
    return (
      <main className={styles.page}>
        <h1>{t('signedIn.heading')}</h1>
        <p>{t.rich('signedIn.as', { email: user.email, strong: (c) => <strong>{c}</strong> })}</p>
        <p>
          <Link href={callbackUrl}>{t('signedIn.continue')}</Link>
        </p>
        <SignOutButton
          className={styles.secondary}
          callbackUrl={localePath(locale, '/')}
          labels={{ button: t('signOut.button'), pending: t('signOut.pending') }}
        />
      </main>
    );
  }

  return (
    <main className={styles.page}>
      <h1>{t('heading', { site: siteName() })}</h1>
      {errorKey ? (
        <p className={styles.alert} role="alert">
          {t(`errors.${errorKey}`)}
        </p>
      ) : null}
      <p>{t('intro')}</p>
      <PageMessages locale={locale} namespaces={['signin']}>
        <SignInForm callbackUrl={callbackUrl} />
      </PageMessages>
    </main>
  );
}
