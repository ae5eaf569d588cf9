import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getCurrentUser } from '@/lib/auth/session';
import { localized } from '@/lib/i18n/content';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { getPublicRoundBySlug } from '@/lib/voting/rounds';
import { RoundView } from '../RoundView';
import styles from '../topics.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ locale: string; round: string }> };

// generateMetadata and the page share one read of the round per request; RoundView reuses it too.
const loadRound = cache((slug: string) => getPublicRoundBySlug(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.meta');
  const round = await loadRound((await params).round);
  if (!round) return { title: t('roundNotFound') };
  const title = localized(round.translations, locale, 'title', round.title);
  const path = `/topics/${round.slug}`;
  return {
    title,
    description: localized(round.translations, locale, 'description', round.description) || t('roundDescription', { title }),
    alternates: { canonical: localePath(locale, path), languages: { en: path, uk: localePath('uk', path) } },
  };
}

export default async function RoundPage({ params }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'voting.index');
  const { round: slug } = await params;
  const [round, user] = await Promise.all([loadRound(slug), getCurrentUser()]);
  if (!round) notFound();
  return (
    <div className={styles.page}>
      <p>
        <Link href={localePath(locale, '/topics/archive')}>{t('allRounds')}</Link>
      </p>
      <RoundView round={round} user={user} back={`/topics/${round.slug}`} locale={locale} />
    </div>
  );
}
