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
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

// ISR: prerendered at build, regenerated every minute (the open round's live results and time left)
// or at once via revalidateArticlePaths / revalidateRoundPages.
export const revalidate = 60;

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  return pageMetadata({ siteUrl: siteUrl(), siteName: siteName(), path: '/', description: siteDescription(), locale });
}

/** The front page in the page's language: its articles in that language (every language while it has none). */
export default async function HomePage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'reading.home');
  const [{ lead, sections }, round, newsletters] = await Promise.all([
    getHomeData({ perSection: 4, locale }),
    openRoundForHome(),
    listPublicNewsletters(),
  ]);
  return (
    <div className="container home">
      <h1 className="visually-hidden">{siteName()}</h1>
      {lead ? (
        <section className="home__lead" aria-label={t('topStory')} data-testid="lead-story">
          <ArticleCard article={lead} variant="lead" headingLevel={2} locale={locale} />
        </section>
      ) : (
        <p className="empty">{t('empty')}</p>
      )}
      {round ? <HomeRound {...round} locale={locale} /> : null}
      <NewsletterSignup newsletters={newsletters} source="home" locale={locale} />
      {sections.map(({ section, articles }) => (
        <section key={section.slug} className="home__section" aria-labelledby={`home-${section.slug}`} data-testid="section-latest">
          <h2 id={`home-${section.slug}`} className="section-heading">
            <Link href={localePath(locale, `/sections/${section.slug}`)}>{section.name}</Link>
          </h2>
          <div className="card-grid">
            {articles.map((a) => (
              <ArticleCard key={a.id} article={a} showSection={false} locale={locale} />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
