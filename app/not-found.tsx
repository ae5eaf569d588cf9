import type { Metadata } from 'next';
import Link from 'next/link';
import { siteName } from '@/lib/config/site';
import { NotFoundContent } from '@/components/site/NotFoundContent';
import './(site)/site.css';

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

/** Unmatched URLs anywhere in the app (status 404). Reader pages use app/(site)/not-found.tsx. */
export default function NotFound() {
  return (
    <>
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
    </>
  );
}
