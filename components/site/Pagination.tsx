import Link from 'next/link';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

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
  locale = 'en',
}: {
  basePath: string;
  page: number;
  totalPages: number;
  /** A page's address (already in the page's language); default: `basePath`/page/<n> in `locale`. */
  hrefFor?: (page: number) => string;
  locale?: Locale;
}) {
  if (totalPages <= 1) return null;
  const t = translator(locale, 'reading.pagination');
  const href = hrefFor ?? ((p: number) => localePath(locale, pageHref(basePath, p)));
  return (
    <nav className="pagination" aria-label={t('label')}>
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev">
          {t('newer')}
        </Link>
      ) : (
        <span />
      )}
      <span className="pagination__status">{t('status', { page, total: totalPages })}</span>
      {page < totalPages ? (
        <Link href={href(page + 1)} rel="next">
          {t('older')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
