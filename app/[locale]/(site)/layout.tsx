import type { ReactNode } from 'react';
import { listSections } from '@/lib/articles/queries';
import { siteDescription, siteName } from '@/lib/config/site';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';
import { SiteHeader } from '@/components/site/SiteHeader';
import { SiteFooter } from '@/components/site/SiteFooter';
import { SupportBanner } from '@/components/cta/SupportBanner';
import { NewsletterSignup } from '@/components/newsletters/NewsletterSignup';
import { listPublicNewsletters } from '@/lib/newsletters/newsletters';
import './site.css';

/**
 * Chrome for every reader page. Deliberately no cookies()/headers()/session here: pages under this
 * layout are cached (ISR) per language and identical for every reader; personal bits are client components.
 */
export default async function SiteLayout({ children, params }: LocaleParams & { children: ReactNode }) {
  const locale = await pageLocale(params);
  const [sections, newsletters] = await Promise.all([listSections(locale), listPublicNewsletters()]);
  const t = translator(locale, 'common');
  return (
    <>
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <SiteHeader siteName={siteName()} sections={sections} locale={locale} />
      <main id="main" className="site-main">
        {children}
      </main>
      <SiteFooter
        siteName={siteName()}
        description={siteDescription()}
        sections={sections}
        locale={locale}
        newsletter={<NewsletterSignup newsletters={newsletters} source="footer" compact locale={locale} />}
      />
      <SupportBanner />
    </>
  );
}
