import type { Metadata } from 'next';
import { NotFoundContent } from '@/components/site/NotFoundContent';

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

/** notFound() from any reader page renders this inside the site chrome (status 404). */
export default function SiteNotFound() {
  return (
    <div className="container">
      <NotFoundContent />
    </div>
  );
}
