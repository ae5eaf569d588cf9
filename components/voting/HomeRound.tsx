import Link from 'next/link';
import { supportHref } from '@/lib/articles/support-links';
import { type HomeRoundData } from '@/lib/voting/reader-views';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

/** "5 days left", "1 day left", "6 hours left", "Closing soon": rounded down, so never more than is left. */
export function localizedTimeLeft(closesAt: Date, now: Date, locale: Locale): string {
  const t = translator(locale, 'reading.round');
  const ms = closesAt.getTime() - now.getTime();
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return t('daysLeft', { count: days });
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return t('hoursLeft', { count: hours });
  return t('closingSoon');
}

/**
 * The home page's open round: leading topics, time left, and the next step. The page is cached and
 * identical for everyone, so both next steps are rendered; the site stylesheet shows "Vote" when
 * <html data-patron> is set (AccountLink, from /api/me) and "Become a patron to vote" otherwise.
 */
export function HomeRound({
  round,
  leading,
  topicCount,
  voters,
  now = new Date(),
  locale = 'en',
}: HomeRoundData & { now?: Date; locale?: Locale }) {
  const t = translator(locale, 'reading.round');
  const closes = new Date(round.closesAt);
  const topicsHref = localePath(locale, '/topics');
  return (
    <section className="home-round" aria-labelledby="home-round-title" data-testid="home-round" data-round={round.slug}>
      <p className="kicker">{t('kicker')}</p>
      <h2 id="home-round-title" className="home-round__title">
        <Link href={topicsHref}>{round.title}</Link>
      </h2>
      <p className="home-round__meta">
        <time dateTime={closes.toISOString()} data-testid="home-round-time-left">
          {localizedTimeLeft(closes, now, locale)}
        </time>
        {' · '}
        {t('topics', { count: topicCount })}
        {voters !== null ? ` · ${t('voted', { count: voters })}` : ''}
      </p>
      {leading.length ? (
        <ol className="home-round__topics" aria-label={leading.some((topic) => topic.votes !== null) ? t('leading') : t('some')}>
          {leading.map((topic) => (
            <li key={topic.id}>
              <span>{topic.title}</span>
              {topic.votes !== null ? <span className="home-round__votes">{t('votes', { count: topic.votes })}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      <p className="home-round__actions">
        <Link href={topicsHref} className="button for-patrons" data-testid="home-round-vote">
          {t('vote')}
        </Link>
        <Link
          href={localePath(locale, supportHref('topics', null, round.slug))}
          className="button for-readers"
          data-testid="home-round-join"
        >
          {t('join')}
        </Link>{' '}
        <Link href={topicsHref} className="for-readers">
          {t('seeAll')}
        </Link>
      </p>
    </section>
  );
}
