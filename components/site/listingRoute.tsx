import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getAuthorListing, getSectionListing, getTagListing, type ArticleCard as Card, type Paginated } from '@/lib/articles/queries';
import { pageMetadata } from '@/lib/articles/seo';
import { siteName, siteUrl } from '@/lib/config/site';
import type { Locale } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { ArticleList } from './ArticleCard';
import { Pagination, pageHref } from './Pagination';

/**
 * Section, tag and author pages share one implementation. Page 1 lives at /<kind>s/<slug>, later
 * pages at /<kind>s/<slug>/page/<n>; both are ISR pages (see the route files).
 */
type Kind = 'section' | 'tag' | 'author';

type Listing = {
  kicker: string;
  title: string;
  description: string;
  avatarUrl?: string | null;
  basePath: string;
  articles: Paginated<Card>;
  showSection: boolean;
};

const load = cache(async (kind: Kind, slug: string, page: number, locale: Locale): Promise<Listing | null> => {
  const t = translator(locale, 'reading.listing');
  if (kind === 'section') {
    const r = await getSectionListing(slug, { page, locale });
    return (
      r && {
        kicker: t('section'),
        title: r.section.name,
        description: r.section.description,
        basePath: `/sections/${r.section.slug}`,
        articles: r.articles,
        showSection: false,
      }
    );
  }
  if (kind === 'tag') {
    const r = await getTagListing(slug, { page, locale });
    return (
      r && {
        kicker: t('tag'),
        title: r.tag.name,
        description: t('tagDescription', { tag: r.tag.name, site: siteName() }),
        basePath: `/tags/${r.tag.slug}`,
        articles: r.articles,
        showSection: true,
      }
    );
  }
  const r = await getAuthorListing(slug, { page, locale });
  return (
    r && {
      kicker: t('author'),
      title: r.author.name,
      description: r.author.bio || t('authorDescription', { name: r.author.name }),
      avatarUrl: r.author.avatarUrl,
      basePath: `/authors/${r.author.slug}`,
      articles: r.articles,
      showSection: true,
    }
  );
});

/** "2" → 2 for /page/<n> segments; page 1 and anything malformed → null (404). */
function parsePageSegment(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  if (!/^[1-9]\d{0,5}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 2 ? n : null;
}

type Params = Promise<{ locale: string; slug: string; page?: string }>;

async function resolve(kind: Kind, params: Params, locale: Locale): Promise<Listing | null> {
  const { slug, page: rawPage } = await params;
  const page = parsePageSegment(rawPage);
  if (page === null) return null;
  const listing = await load(kind, slug, page, locale);
  if (!listing) return null;
  // Empty later pages do not exist; page 1 always exists (it may say "nothing yet").
  if (page > 1 && page > listing.articles.totalPages) return null;
  return listing;
}

export function listingRoute(kind: Kind) {
  async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
    const locale = await pageLocale(params);
    const t = translator(locale, 'reading');
    const listing = await resolve(kind, params, locale);
    if (!listing) return { title: t('notFound'), robots: { index: false } };
    const { page } = listing.articles;
    return pageMetadata({
      siteUrl: siteUrl(),
      siteName: siteName(),
      path: pageHref(listing.basePath, page),
      locale,
      title: page > 1 ? t('listing.pagedTitle', { title: listing.title, page }) : listing.title,
      description: listing.description || t('listing.fallbackDescription', { title: listing.title, site: siteName() }),
    });
  }

  async function Page({ params }: { params: Params }) {
    const locale = await pageLocale(params);
    const t = translator(locale, 'reading.listing');
    const listing = await resolve(kind, params, locale);
    if (!listing) notFound();
    const { articles } = listing;
    return (
      <div className="container listing">
        <header className="listing__header">
          {listing.avatarUrl ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img src={listing.avatarUrl} alt="" width={96} height={96} className="listing__avatar" />
          ) : null}
          <div>
            <p className="kicker">{listing.kicker}</p>
            <h1>{listing.title}</h1>
            {listing.description ? <p className="listing__description">{listing.description}</p> : null}
          </div>
        </header>
        {articles.items.length ? (
          <ArticleList articles={articles.items} showSection={listing.showSection} locale={locale} />
        ) : (
          <p className="empty">{t('empty')}</p>
        )}
        <Pagination basePath={listing.basePath} page={articles.page} totalPages={articles.totalPages} locale={locale} />
      </div>
    );
  }

  return { generateMetadata, Page };
}
