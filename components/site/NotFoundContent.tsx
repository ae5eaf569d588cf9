import Link from 'next/link';

export function NotFoundContent() {
  return (
    <div className="not-found">
      <p className="kicker">Error 404</p>
      <h1>We couldn’t find that page</h1>
      <p>The link may be mistyped, or the story may have moved or not been published yet.</p>
      <form action="/search" method="get" role="search" className="search-form">
        <label htmlFor="nf-q" className="visually-hidden">
          Search our journalism
        </label>
        <input id="nf-q" name="q" type="search" placeholder="Search our journalism" maxLength={200} />
        <button type="submit" className="button">
          Search
        </button>
      </form>
      <p>
        <Link href="/">Go to the front page</Link>
      </p>
    </div>
  );
}
