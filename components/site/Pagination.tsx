import Link from 'next/link';

/**
 * Previous/next links for listings. Page 1 is `basePath`, later pages `${basePath}/page/<n>`
 * (path segments rather than ?page= so every page can be cached as a static page).
 */
export function pageHref(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}/page/${page}`;
}

export function Pagination({
  basePath,
  page,
  totalPages,
  hrefFor,
}: {
  basePath: string;
  page: number;
  totalPages: number;
  hrefFor?: (page: number) => string;
}) {
  if (totalPages <= 1) return null;
  const href = hrefFor ?? ((p: number) => pageHref(basePath, p));
  return (
    <nav className="pagination" aria-label="Pagination">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="pagination__status">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <Link href={href(page + 1)} rel="next">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
