import Link from 'next/link';

type Props = {
  round: { slug: string; title: string; closesAt: Date | string; votesPerPatron: number };
  topics: { id: string; title: string }[];
  /** Whether the topics are from the article's own section. */
  sectionMatched?: boolean;
};

/** The article page's "vote on what we cover next" slot. Props from `openRoundForSection`; presentational only. */
export function RoundCta({ round, topics, sectionMatched }: Props) {
  const closes = new Date(round.closesAt);
  const closesLabel = Number.isNaN(closes.getTime()) ? null : closes.toISOString().slice(0, 10);
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
        <Link href={`/support?${new URLSearchParams({ placement: 'round-cta', round: round.slug })}`}>Become a patron</Link>
      </p>
    </aside>
  );
}
