import ArticlePage, { generateMetadata as articleMetadata } from '../../../../[locale]/(site)/articles/[slug]/page';

// As app/[locale]/(site)/articles/[slug]/page.tsx: Next reads a segment's config from its own file.
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

const inEnglish = async (params: Props['params']) => ({ ...(await params), locale: 'en' });

export function generateMetadata({ params }: Props) {
  return articleMetadata({ params: inEnglish(params) });
}

/** An English article at /articles/x (app/(english)/layout.tsx says why it has its own folder). */
export default function EnglishArticlePage({ params }: Props) {
  // Called, not rendered as an element: it is this page (notFound() included), not a child of it.
  return ArticlePage({ params: inEnglish(params) });
}
