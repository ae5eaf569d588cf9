import Link from 'next/link';

/** "Commissioned by N patrons" on an article page; links to the round. Props from `commissionedMarkForArticle`. */
export function CommissionedMark({ count, roundSlug, roundTitle }: { count: number; roundSlug: string; roundTitle: string }) {
  if (!Number.isFinite(count) || count < 1) return null;
  return (
    <p className="commissioned-mark" data-round={roundSlug}>
      <Link href={`/topics/${encodeURIComponent(roundSlug)}`} title={`Patron vote: ${roundTitle}`}>
        Commissioned by {count.toLocaleString('en-GB')} {count === 1 ? 'patron' : 'patrons'}
      </Link>
    </p>
  );
}
