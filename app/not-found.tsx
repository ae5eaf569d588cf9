import type { Metadata } from 'next';
import Link from 'next/link';
import { siteName } from '@/lib/config/site';
import { HtmlDocument } from '@/components/HtmlDocument';
import { LocaleIntlProvider } from '@/components/i18n/LocaleIntlProvider';
import { NotFoundContent } from '@/components/site/NotFoundContent';
import './[locale]/(site)/site.css';

export const metadata: Metadata = { robots: { index: false } };

/**
 * URLs outside every language and area (status 404), in the default language. Reader pages use
 * app/[locale]/(site)/not-found.tsx, in the URL's language. Next renders this into the payload of every
 * page (the root's not-found boundary): its words come with the English JavaScript chunk, not in the payload.
 */
export default function NotFound() {
  return (
    <HtmlDocument lang="en">
      <LocaleIntlProvider locale="en">
        <header className="site-header">
          <div className="container site-header__top">
            <Link href="/" className="site-header__name">
              {siteName()}
            </Link>
          </div>
        </header>
        <main id="main" className="site-main container">
          <NotFoundContent />
        </main>
      </LocaleIntlProvider>
    </HtmlDocument>
  );
}
