import Link from 'next/link';
import { supportHref } from '@/lib/articles/support-links';
import { formatDate } from '@/lib/format/dates';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

type Props = {
  round: { slug: string; title: string; closesAt: Date | string; votesPerPatron: number };
  topics: { id: string; title: string }[];
  /** Whether the topics are from the article's own section. */
  sectionMatched?: boolean;
  /** The article this slot is shown on: the support link says which article brought the reader. */
  articleSlug?: string | null;
  locale?: Locale;
};

/** The article page's "vote on what we cover next" slot. Props from `openRoundForSection`; presentational only. */
export function RoundCta({ round, topics, sectionMatched, articleSlug, locale = 'en' }: Props) {
  const t = translator(locale, 'reading.round');
  const closes = new Date(round.closesAt);
  const closesLabel = Number.isNaN(closes.getTime()) ? null : formatDate(closes, undefined, locale);
  return (
    <aside className="cta cta--end round-cta" aria-labelledby="round-cta-title" data-round={round.slug}>
      <h2 id="round-cta-title">{t('kicker')}</h2>
      <p>
        {closesLabel ? t('ctaOpenUntil', { title: round.title, date: closesLabel }) : t('ctaOpen', { title: round.title })}{' '}
        {sectionMatched ? t('ctaBeat') : topics.length ? t('ctaSome') : ''}
      </p>
      {topics.length ? (
        <ul>
          {topics.map((t) => (
            <li key={t.id}>{t.title}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link href={localePath(locale, '/topics')}>{t('ctaVoteNow')}</Link> {t('ctaVotesPer', { count: round.votesPerPatron })} ·{' '}
        <Link href={localePath(locale, supportHref('round-cta', articleSlug, round.slug))}>{t('ctaBecome')}</Link>
      </p>
    </aside>
  );
}
