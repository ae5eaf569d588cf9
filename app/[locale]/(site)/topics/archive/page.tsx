import type { Metadata } from 'next';
import Link from 'next/link';
import { localized } from '@/lib/i18n/content';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { listPastRounds } from '@/lib/voting/rounds';
import { formatDate } from '@/lib/format/dates';
import styles from '../topics.module.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.meta');
  const path = '/topics/archive';
  return {
    title: t('archiveTitle'),
    description: t('archiveDescription'),
    alternates: { canonical: localePath(locale, path), languages: { en: path, uk: localePath('uk', path) } },
  };
}

export default async function ArchivePage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.archive');
  const rounds = await listPastRounds();
  return (
    <div className={styles.page}>
      <h1>{t('heading')}</h1>
      <p>{t('intro')}</p>
      {rounds.length === 0 ? <p className="empty">{t('empty')}</p> : null}
      <ul className={styles.list}>
        {rounds.map((r) => (
          <li key={r.id} className={styles.topic}>
            <h2>
              <Link href={localePath(locale, `/topics/${r.slug}`)}>{localized(r.translations, locale, 'title', r.title)}</Link>
            </h2>
            <p className={styles.meta}>{t('closed', { date: formatDate(r.closedAt ?? r.closesAt, undefined, locale) })}</p>
            {r.commitment ? <p className={styles.desc}>{localized(r.translations, locale, 'commitment', r.commitment)}</p> : null}
          </li>
        ))}
      </ul>
      <p>
        <Link href={localePath(locale, '/topics')}>{t('current')}</Link>
      </p>
    </div>
  );
}
