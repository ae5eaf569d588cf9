import type { ReactNode } from 'react';
import { listSections } from '@/lib/articles/queries';
import { siteDescription, siteName } from '@/lib/config/site';
import { SiteHeader } from '@/components/site/SiteHeader';
import { SiteFooter } from '@/components/site/SiteFooter';
import { SupportBanner } from '@/components/cta/SupportBanner';
import { NewsletterSignup } from '@/components/newsletters/NewsletterSignup';
import { listPublicNewsletters } from '@/lib/newsletters/newsletters';
import './site.css';

/**
 * Chrome for every reader page. Deliberately no cookies()/headers()/session here: pages under this
 * layout are cached (ISR) and identical for every reader; personal bits are client components.
 */
export default async function SiteLayout({ children }: { children: ReactNode }) {
  const [sections, newsletters] = await Promise.all([listSections(), listPublicNewsletters()]);
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <SiteHeader siteName={siteName()} sections={sections} />
      <main id="main" className="site-main">
        {children}
      </main>
      <SiteFooter
        siteName={siteName()}
        description={siteDescription()}
        sections={sections}
        newsletter={<NewsletterSignup newsletters={newsletters} source="footer" compact />}
      />
      <SupportBanner />
    </>
  );
}
