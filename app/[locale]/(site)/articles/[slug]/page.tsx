import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { preload } from 'react-dom';
import { getArticleBySlug, getMoreInSection } from '@/lib/articles/queries';
import { prepareArticleBody } from '@/lib/articles/markdown';
import { articleMetadata, buildNewsArticleJsonLd, serializeJsonLd } from '@/lib/articles/seo';
import { siteName, siteUrl } from '@/lib/config/site';
import { Byline } from '@/components/site/Byline';
import { ArticleCard } from '@/components/site/ArticleCard';
import { langProp } from '@/components/site/lang';
import { formatDate, formatDateTime } from '@/lib/format/dates';
import { EndOfArticleCta } from '@/components/cta/EndOfArticleCta';
import { InlineCta } from '@/components/cta/InlineCta';
import { CommissionedMark } from '@/components/voting/CommissionedMark';
import { RoundCta } from '@/components/voting/RoundCta';
import { commissionedMarkForArticle, openRoundForSection } from '@/lib/voting/reader-views';
import { NewsletterSignup } from '@/components/newsletters/NewsletterSignup';
import { listPublicNewsletters } from '@/lib/newsletters/newsletters';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

// ISR: nothing is rendered at build time; each article is rendered on its first request, then served
// from the cache and regenerated at most every 5 minutes (or at once via revalidateArticlePaths).
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };

const loadArticle = cache((slug: string) => getArticleBySlug(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const { slug } = await params;
  const article = await loadArticle(slug);
  const t = translator(locale, 'reading');
  if (!article) return { title: t('notFound'), robots: { index: false } };
  return articleMetadata(article, { url: siteUrl(), name: siteName() });
}

export default async function ArticlePage({ params }: Props) {
  const locale = await pageLocale(params);
  const { slug } = await params;
  const article = await loadArticle(slug);
  if (!article) notFound();
  const t = translator(locale, 'reading.article');
  const href = (path: string) => localePath(locale, path);

  const [body, more, commissioned, round, newsletters] = await Promise.all([
    Promise.resolve(prepareArticleBody(article.body)),
    getMoreInSection(article, 4),
    commissionedMarkForArticle(article.id),
    openRoundForSection(article.section.id),
    listPublicNewsletters(),
  ]);
  const jsonLd = buildNewsArticleJsonLd(article, { url: siteUrl(), name: siteName(), logoUrl: '/logo.svg' });
  const updated = article.updatedAt.getTime() - article.publishedAt.getTime() > 60 * 60 * 1000;
  // The hero is the page's Largest Contentful Paint: ask for it from <head>, before the stylesheet.
  if (article.heroImageUrl) preload(article.heroImageUrl, { as: 'image', fetchPriority: 'high' });

  return (
    // The story keeps its own language when the page around it is in another one.
    <article className="article" {...langProp(article.locale !== locale && article.locale)}>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }} />
      <header className="article__header container">
        <Link href={href(`/sections/${article.section.slug}`)} className="kicker">
          {article.section.name}
        </Link>
        <h1 className="article__title">{article.title}</h1>
        {commissioned ? <CommissionedMark {...commissioned} locale={locale} /> : null}
        {article.standfirst ? <p className="article__standfirst">{article.standfirst}</p> : null}
        <p className="article__meta">
          <Byline authors={article.authors} locale={locale} />
          <span className="article__dates" {...langProp(article.locale !== locale && locale)}>
            {t('published')} <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt, undefined, locale)}</time>
            {updated ? (
              <>
                {' · '}
                {t('updated')}{' '}
                <time dateTime={article.updatedAt.toISOString()}>{formatDateTime(article.updatedAt, undefined, locale)}</time>
              </>
            ) : null}
            {' · '}
            {t('minRead', { count: body.readingMinutes })}
          </span>
        </p>
      </header>

      {article.heroImageUrl ? (
        <figure className="article__hero">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={article.heroImageUrl}
            alt={article.heroImageAlt ?? ''}
            width={1200}
            height={675}
            fetchPriority="high"
            decoding="async"
          />
        </figure>
      ) : null}

      <div className="article__body prose">
        <div dangerouslySetInnerHTML={{ __html: body.parts[0] }} />
        {body.parts.length === 2 ? (
          <>
            <InlineCta slug={article.slug} locale={locale} />
            <div dangerouslySetInnerHTML={{ __html: body.parts[1] }} />
          </>
        ) : null}
      </div>

      <footer className="article__footer">
        {article.tags.length ? (
          <ul className="tag-list" aria-label={t('topics')}>
            {article.tags.map((tag) => (
              <li key={tag.slug}>
                <Link href={href(`/tags/${tag.slug}`)} rel="tag">
                  {tag.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <EndOfArticleCta slug={article.slug} round={round?.round ?? null} locale={locale} />
        {/* The open topic vote, when it has topics on this article's beat. */}
        {round?.sectionMatched ? <RoundCta {...round} articleSlug={article.slug} locale={locale} /> : null}
        <NewsletterSignup newsletters={newsletters} source="end-of-article" locale={locale} />
        {article.authors.some((a) => a.bio) ? (
          <section className="author-bios" aria-label={t('aboutAuthors')}>
            {article.authors
              .filter((a) => a.bio)
              .map((a) => (
                <p key={a.slug}>
                  <Link href={href(`/authors/${a.slug}`)}>
                    <strong>{a.name}</strong>
                  </Link>{' '}
                  {a.bio}
                </p>
              ))}
          </section>
        ) : null}
      </footer>

      {more.length ? (
        <section className="more container" aria-labelledby="more-title">
          <h2 id="more-title">
            {t.rich('moreIn', {
              section: article.section.name,
              link: (chunks) => <Link href={href(`/sections/${article.section.slug}`)}>{chunks}</Link>,
            })}
          </h2>
          <div className="card-grid">
            {more.map((a) => (
              <ArticleCard key={a.id} article={a} showSection={false} locale={locale} />
            ))}
          </div>
        </section>
      ) : null}
    </article>
  );
}
