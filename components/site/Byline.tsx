import Link from 'next/link';
import { Fragment } from 'react';

/** "By A, B and C" with links to the author pages. */
export function Byline({ authors }: { authors: { slug: string; name: string }[] }) {
  if (authors.length === 0) return null;
  return (
    <span className="byline">
      By{' '}
      {authors.map((a, i) => (
        <Fragment key={a.slug}>
          {i > 0 ? (i === authors.length - 1 ? ' and ' : ', ') : null}
          <Link href={`/authors/${a.slug}`} rel="author">
            {a.name}
          </Link>
        </Fragment>
      ))}
    </span>
  );
}
