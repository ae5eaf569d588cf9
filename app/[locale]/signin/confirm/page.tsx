import Link from 'next/link';
import type { Metadata } from 'next';
import { CALLBACK_PATH, confirmParamsSchema, safeCallbackUrl } from '@/lib/auth/magic-link';
import { siteName, siteUrl } from '@/lib/config/site';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import styles from '../signin.module.css';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Search> };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// The token is in the URL: keep it out of Referer headers and search engines.
export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'signin.meta');
  return { title: t('confirm'), robots: { index: false, follow: false }, referrer: 'no-referrer' };
}

/**
 * The page the magic link opens. Loading it (as mail scanners do) uses nothing up; the token is only
 * spent when the person presses the button, which navigates to next-auth's email callback.
 */
export default async function ConfirmSignInPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'signin');
  const sp = await searchParams;
  const parsed = confirmParamsSchema.safeParse({ token: first(sp.token), email: first(sp.email), callbackUrl: first(sp.callbackUrl) });
  if (!parsed.success) {
    return (
      <main className={styles.page}>
        <h1>{t('confirm.incompleteHeading')}</h1>
        <p className={styles.alert} role="alert">
          {t('confirm.incomplete')}
        </p>
        <p>
          <Link href={localePath(locale, '/signin')}>{t('confirm.requestNew')}</Link>
        </p>
      </main>
    );
  }
  const { token, email } = parsed.data;
  const callbackUrl = safeCallbackUrl(parsed.data.callbackUrl, siteUrl());
  return (
    <main className={styles.page}>
      <h1>{t('heading', { site: siteName() })}</h1>
      <p>{t('confirm.press')}</p>
      <form method="get" action={CALLBACK_PATH} className={styles.form}>
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <button type="submit" className={styles.button}>
          {t('confirm.button', { email })}
        </button>
      </form>
      <p>{t.rich('confirm.notYou', { link: (c) => <Link href={localePath(locale, '/signin')}>{c}</Link> })}</p>
    </main>
  );
}
