import type { Metadata } from 'next';
import { NotFoundContent } from '@/components/site/NotFoundContent';

// The title is set by NotFoundContent in the page's language (not-found files get no params).
export const metadata: Metadata = { robots: { index: false } };

/** notFound() from any reader page renders this inside the site chrome (status 404). */
export default function SiteNotFound() {
  return (
    <div className="container">
      <NotFoundContent />
    </div>
  );
}
