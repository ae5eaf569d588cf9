import type { Metadata } from 'next';
import Link from 'next/link';
import { DEFAULT_LOCALE, localePath } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { verifyTopicEmailStopToken } from '@/lib/voting/follows';
import styles from '../../topics/topics.module.css';

// Reads the token from the address: per request, never cached, never indexed.
export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.meta');
  return { title: t('stopTitle'), robots: { index: false } };
}

/**
 * The stop link in every topic-progress email. Opening it changes nothing (mail scanners open links);
 * the one button posts the signed token to /api/topic-emails/stop, which works without signing in.
 */
export default async function StopTopicEmailsPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.stop');
  const sp = await searchParams;
  const token = typeof sp.token === 'string' ? sp.token : '';
  if (sp.stopped === '1') {
    return (
      <div className={styles.page}>
        <h1>{t('stoppedHeading')}</h1>
        <p role="status">{t('stoppedBody')}</p>
        <p>{t('changedMind')}</p>
        <p>
          <Link href={localePath(locale, '/topics')}>{t('back')}</Link>
        </p>
      </div>
    );
  }
  const valid = verifyTopicEmailStopToken(token) !== null;
  return (
    <div className={styles.page}>
      <h1>{t('heading')}</h1>
      {valid ? (
        <form method="post" action={locale === DEFAULT_LOCALE ? '/api/topic-emails/stop' : `/api/topic-emails/stop?locale=${locale}`}>
          <input type="hidden" name="token" value={token} />
          <p>{t('intro')}</p>
          <button type="submit" className={styles.button}>
            {t('button')}
          </button>
        </form>
      ) : (
        <p role="alert">{t('invalid')}</p>
      )}
    </div>
  );
}
