import Link from 'next/link';
import { supportHref } from '@/lib/articles/support-links';
import { timeLeftLabel, type HomeRoundData } from '@/lib/voting/reader-views';

/**
 * The home page's open round: leading topics, time left, and the next step. The page is cached and
 * identical for everyone, so both next steps are rendered; the site stylesheet shows "Vote" when
 * <html data-patron> is set (AccountLink, from /api/me) and "Become a patron to vote" otherwise.
 */
export function HomeRound({ round, leading, topicCount, voters, now = new Date() }: HomeRoundData & { now?: Date }) {
  const closes = new Date(round.closesAt);
  return (
    <section className="home-round" aria-labelledby="home-round-title" data-testid="home-round" data-round={round.slug}>
      <p className="kicker">Patrons decide what we cover next</p>
      <h2 id="home-round-title" className="home-round__title">
        <Link href="/topics">{round.title}</Link>
      </h2>
      <p className="home-round__meta">
        <time dateTime={closes.toISOString()} data-testid="home-round-time-left">
          {timeLeftLabel(closes, now)}
        </time>
        {' · '}
        {topicCount} {topicCount === 1 ? 'topic' : 'topics'}
        {voters !== null ? ` · ${voters.toLocaleString('en-GB')} ${voters === 1 ? 'patron has' : 'patrons have'} voted` : ''}
      </p>
      {leading.length ? (
        <ol className="home-round__topics" aria-label={leading.some((t) => t.votes !== null) ? 'Leading topics' : 'Some of the topics'}>
          {leading.map((t) => (
            <li key={t.id}>
              <span>{t.title}</span>
              {t.votes !== null ? (
                <span className="home-round__votes">
                  {t.votes.toLocaleString('en-GB')} {t.votes === 1 ? 'vote' : 'votes'}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      <p className="home-round__actions">
        <Link href="/topics" className="button for-patrons" data-testid="home-round-vote">
          Vote
        </Link>
        <Link href={supportHref('topics', null, round.slug)} className="button for-readers" data-testid="home-round-join">
          Become a patron to vote
        </Link>{' '}
        <Link href="/topics" className="for-readers">
          See all topics
        </Link>
      </p>
    </section>
  );
}
