import type { Metadata } from 'next';
import Link from 'next/link';
import { searchArticles, normaliseSearchQuery, SEARCH_MAX_LENGTH } from '@/lib/articles/queries';
import { pageMetadata } from '@/lib/articles/seo';
import { siteName, siteUrl } from '@/lib/config/site';
import { Pagination } from '@/components/site/Pagination';
import { formatDate } from '@/lib/format/dates';

// Search results depend on the query string, so this page is rendered per request.
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = normaliseSearchQuery(first((await searchParams).q));
  return pageMetadata({
    siteUrl: siteUrl(),
    siteName: siteName(),
    path: '/search',
    title: q ? `Search: ${q}` : 'Search',
    description: `Search the journalism of ${siteName()}.`,
    noindex: true,
  });
}

export default async function SearchPage({ searchParams }: Props) {
  const sp = await searchParams;
  const result = await searchArticles(first(sp.q), { page: Number(first(sp.page)) || 1 });
  const { query } = result;
  const href = (p: number) => `/search?${new URLSearchParams({ q: query, ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;

  return (
    <div className="container search-page">
      <h1>Search</h1>
      <form action="/search" method="get" role="search" className="search-form">
        <label htmlFor="search-q" className="visually-hidden">
          Search our journalism
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder="Search articles, e.g. rent or “towpath”"
        />
        <button type="submit" className="button">
          Search
        </button>
      </form>

      {query ? (
        result.total > 0 ? (
          <>
            <p className="search-page__count" aria-live="polite">
              {result.total} {result.total === 1 ? 'result' : 'results'} for “{query}”
            </p>
            <ol className="search-results">
              {result.items.map((hit) => (
                <li key={hit.id} data-testid="search-result">
                  <Link href={`/sections/${hit.section.slug}`} className="kicker">
                    {hit.section.name}
                  </Link>
                  <h2>
                    <Link href={`/articles/${hit.slug}`}>{hit.title}</Link>
                  </h2>
                  <p className="search-results__snippet">
                    {hit.snippet.length
                      ? hit.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))
                      : hit.standfirst}
                  </p>
                  <p className="card__meta">
                    <time dateTime={hit.publishedAt.toISOString()}>{formatDate(hit.publishedAt)}</time>
                  </p>
                </li>
              ))}
            </ol>
            <Pagination basePath="/search" page={result.page} totalPages={result.totalPages} hrefFor={href} />
          </>
        ) : (
          <div className="empty" aria-live="polite">
            <p>No results for “{query}”. Try fewer or different words, or browse a section from the menu above.</p>
          </div>
        )
      ) : (
        <p className="empty">Type a word or two above to search every article we have published.</p>
      )}
    </div>
  );
}
