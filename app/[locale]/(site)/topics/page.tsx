import type { Metadata } from 'next';
import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/session';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { currentOpenRound } from '@/lib/voting/rounds';
import { RoundView } from './RoundView';
import styles from './topics.module.css';

// Per-user (ballot, picks): rendered on every request.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.meta');
  return {
    title: t('title'),
    description: t('description'),
    alternates: { canonical: localePath(locale, '/topics'), languages: { en: '/topics', uk: localePath('uk', '/topics') } },
  };
}

export default async function TopicsPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.index');
  const [user, round] = await Promise.all([getCurrentUser(), currentOpenRound()]);
  return (
    <div className={styles.page}>
      {round ? (
        <RoundView round={round} user={user} back="/topics" locale={locale} />
      ) : (
        <>
          <h1>{t('heading')}</h1>
          <p>{t('noRound')}</p>
        </>
      )}
      <p>
        <Link href={localePath(locale, '/topics/archive')}>{t('archiveLink')}</Link>
      </p>
    </div>
  );
}
