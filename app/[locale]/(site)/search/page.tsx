import type { Metadata } from 'next';
import Link from 'next/link';
import { searchArticles, normaliseSearchQuery, SEARCH_MAX_LENGTH } from '@/lib/articles/queries';
import { pageMetadata } from '@/lib/articles/seo';
import { siteName, siteUrl } from '@/lib/config/site';
import { Pagination } from '@/components/site/Pagination';
import { formatDate } from '@/lib/format/dates';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

// Search results depend on the query string, so this page is rendered per request.
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'reading.search');
  const q = normaliseSearchQuery(first((await searchParams).q));
  return pageMetadata({
    siteUrl: siteUrl(),
    siteName: siteName(),
    path: '/search',
    locale,
    title: q ? t('titleWithQuery', { query: q }) : t('title'),
    description: t('description', { site: siteName() }),
    noindex: true,
  });
}

export default async function SearchPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'reading.search');
  const sp = await searchParams;
  const result = await searchArticles(first(sp.q), { page: Number(first(sp.page)) || 1 });
  const { query } = result;
  const searchPath = localePath(locale, '/search');
  const href = (p: number) => `${searchPath}?${new URLSearchParams({ q: query, ...(p > 1 ? { page: String(p) } : {}) }).toString()}`;

  return (
    <div className="container search-page">
      <h1>{t('title')}</h1>
      <form action={searchPath} method="get" role="search" className="search-form">
        <label htmlFor="search-q" className="visually-hidden">
          {t('label')}
        </label>
        <input id="search-q" name="q" type="search" defaultValue={query} maxLength={SEARCH_MAX_LENGTH} placeholder={t('placeholder')} />
        <button type="submit" className="button">
          {t('button')}
        </button>
      </form>

      {query ? (
        result.total > 0 ? (
          <>
            <p className="search-page__count" aria-live="polite">
              {t('count', { count: result.total, query })}
            </p>
            <ol className="search-results">
              {result.items.map((hit) => (
                <li key={hit.id} data-testid="search-result">
                  <Link href={localePath(locale, `/sections/${hit.section.slug}`)} className="kicker">
                    {hit.section.name}
                  </Link>
                  <h2>
                    <Link href={localePath(locale, `/articles/${hit.slug}`)}>{hit.title}</Link>
                  </h2>
                  <p className="search-results__snippet">
                    {hit.snippet.length
                      ? hit.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))
                      : hit.standfirst}
                  </p>
                  <p className="card__meta">
                    <time dateTime={hit.publishedAt.toISOString()}>{formatDate(hit.publishedAt, undefined, locale)}</time>
                  </p>
                </li>
              ))}
            </ol>
            <Pagination basePath="/search" page={result.page} totalPages={result.totalPages} hrefFor={href} locale={locale} />
          </>
        ) : (
          <div className="empty" aria-live="polite">
            <p>{t('none', { query })}</p>
          </div>
        )
      ) : (
        <p className="empty">{t('prompt')}</p>
      )}
    </div>
  );
}
