import type { Metadata } from 'next';
import Link from 'next/link';
import { getHomeData } from '@/lib/articles/queries';
import { pageMetadata } from '@/lib/articles/seo';
import { siteDescription, siteName, siteUrl } from '@/lib/config/site';
import { ArticleCard } from '@/components/site/ArticleCard';
import { HomeRound } from '@/components/voting/HomeRound';
import { openRoundForHome } from '@/lib/voting/reader-views';
import { NewsletterSignup } from '@/components/newsletters/NewsletterSignup';
import { listPublicNewsletters } from '@/lib/newsletters/newsletters';

// ISR: prerendered at build, regenerated every minute (the open round's live results and time left)
// or at once via revalidateArticlePaths / revalidateRoundPages.
export const revalidate = 60;

export function generateMetadata(): Metadata {
  return pageMetadata({ siteUrl: siteUrl(), siteName: siteName(), path: '/', description: siteDescription() });
}

export default async function HomePage() {
  const [{ lead, sections }, round, newsletters] = await Promise.all([
    getHomeData({ perSection: 4 }),
    openRoundForHome(),
    listPublicNewsletters(),
  ]);
  return (
    <div className="container home">
      <h1 className="visually-hidden">{siteName()}</h1>
      {lead ? (
        <section className="home__lead" aria-label="Top story" data-testid="lead-story">
          <ArticleCard article={lead} variant="lead" headingLevel={2} />
        </section>
      ) : (
        <p className="empty">No stories have been published yet.</p>
      )}
      {round ? <HomeRound {...round} /> : null}
      <NewsletterSignup newsletters={newsletters} source="home" />
      {sections.map(({ section, articles }) => (
        <section key={section.slug} className="home__section" aria-labelledby={`home-${section.slug}`} data-testid="section-latest">
          <h2 id={`home-${section.slug}`} className="section-heading">
            <Link href={`/sections/${section.slug}`}>{section.name}</Link>
          </h2>
          <div className="card-grid">
            {articles.map((a) => (
              <ArticleCard key={a.id} article={a} showSection={false} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
