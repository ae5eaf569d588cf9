import Link from 'next/link';
import { supportHref } from '@/lib/articles/support-links';
import { formatDate } from '@/lib/format/dates';

type Props = {
  round: { slug: string; title: string; closesAt: Date | string; votesPerPatron: number };
  topics: { id: string; title: string }[];
  /** Whether the topics are from the article's own section. */
  sectionMatched?: boolean;
  /** The article this slot is shown on: the support link says which article brought the reader. */
  articleSlug?: string | null;
};

/** The article page's "vote on what we cover next" slot. Props from `openRoundForSection`; presentational only. */
export function RoundCta({ round, topics, sectionMatched, articleSlug }: Props) {
  const closes = new Date(round.closesAt);
  const closesLabel = Number.isNaN(closes.getTime()) ? null : formatDate(closes);
  return (
    <aside className="cta cta--end round-cta" aria-labelledby="round-cta-title" data-round={round.slug}>
      <h2 id="round-cta-title">Patrons decide what we cover next</h2>
      <p>
        Our current vote, “{round.title}”, is open{closesLabel ? ` until ${closesLabel}` : ''}.{' '}
        {sectionMatched ? 'Topics on this beat:' : topics.length ? 'Some of the topics:' : ''}
      </p>
      {topics.length ? (
        <ul>
          {topics.map((t) => (
            <li key={t.id}>{t.title}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link href="/topics">Vote now</Link> (patrons have {round.votesPerPatron} {round.votesPerPatron === 1 ? 'vote' : 'votes'}) ·{' '}
        <Link href={supportHref('round-cta', articleSlug, round.slug)}>Become a patron</Link>
      </p>
    </aside>
  );
}
