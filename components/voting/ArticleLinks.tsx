import Link from 'next/link';

/** "Read: A, B": the articles a topic produced, as links. */
export function ArticleLinks({
  label,
  articles,
  className,
}: {
  label: string;
  articles: { slug: string; title: string }[];
  className?: string;
}) {
  if (!articles.length) return null;
  return (
    <p className={className}>
      {label}{' '}
      {articles.map((a, i) => (
        <span key={a.slug}>
          {i ? ', ' : ''}
          <Link href={`/articles/${a.slug}`}>{a.title}</Link>
        </span>
      ))}
    </p>
  );
}
