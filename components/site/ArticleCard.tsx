import Link from 'next/link';
import type { ArticleCard as Card } from '@/lib/articles/queries';
import { formatDate } from '@/lib/format/dates';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { langProp } from './lang';

type Props = {
  article: Card;
  variant?: 'lead' | 'default' | 'compact';
  showSection?: boolean;
  headingLevel?: 2 | 3;
  /** The page's language: links stay in it; a card for an article in another language says so with `lang`. */
  locale?: Locale;
};

export function ArticleCard({ article, variant = 'default', showSection = true, headingLevel = 3, locale = 'en' }: Props) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const href = localePath(locale, `/articles/${article.slug}`);
  const lang = article.locale && article.locale !== locale ? article.locale : undefined;
  return (
    <article className={`card card--${variant}`} {...langProp(lang)}>
      {variant !== 'compact' && article.heroImageUrl ? (
        <Link href={href} className="card__image" tabIndex={-1} aria-hidden="true">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={article.heroImageUrl}
            alt=""
            width={1200}
            height={675}
            loading={variant === 'lead' ? 'eager' : 'lazy'}
            decoding="async"
            {...(variant === 'lead' ? { fetchPriority: 'high' as const } : {})}
          />
        </Link>
      ) : null}
      <div className="card__body">
        {showSection ? (
          <Link href={localePath(locale, `/sections/${article.section.slug}`)} className="kicker" {...langProp(lang && locale)}>
            {article.section.name}
          </Link>
        ) : null}
        <H className="card__title">
          <Link href={href}>{article.title}</Link>
        </H>
        {variant !== 'compact' && article.standfirst ? <p className="card__standfirst">{article.standfirst}</p> : null}
        <p className="card__meta">
          {article.authors.length ? <span>{article.authors.map((a) => a.name).join(', ')} · </span> : null}
          <time dateTime={article.publishedAt.toISOString()} {...langProp(lang && locale)}>
            {formatDate(article.publishedAt, undefined, locale)}
          </time>
        </p>
      </div>
    </article>
  );
}

export function ArticleList({ articles, showSection = true, locale = 'en' }: { articles: Card[]; showSection?: boolean; locale?: Locale }) {
  return (
    <div className="card-grid">
      {articles.map((a) => (
        <ArticleCard key={a.id} article={a} showSection={showSection} locale={locale} />
      ))}
    </div>
  );
}
