import Link from 'next/link';
import { localePath, type Locale } from '@/lib/i18n/locales';

/** "Read: A, B": the articles a topic produced, as links. */
export function ArticleLinks({
  label,
  articles,
  className,
  locale = 'en',
}: {
  label: string;
  articles: { slug: string; title: string }[];
  className?: string;
  locale?: Locale;
}) {
  if (!articles.length) return null;
  return (
    <p className={className}>
      {label}{' '}
      {articles.map((a, i) => (
        <span key={a.slug}>
          {i ? ', ' : ''}
          <Link href={localePath(locale, `/articles/${a.slug}`)}>{a.title}</Link>
        </span>
      ))}
    </p>
  );
}
