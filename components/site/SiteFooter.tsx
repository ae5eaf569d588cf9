import Link from 'next/link';
import type { ReactNode } from 'react';
import type { SectionSummary } from '@/lib/articles/queries';

export function SiteFooter({
  siteName,
  description,
  sections,
  newsletter,
}: {
  siteName: string;
  description: string;
  sections: SectionSummary[];
  newsletter?: ReactNode;
}) {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <div>
          <p className="site-footer__name">{siteName}</p>
          <p>{description}</p>
          <p>Every article is free to read, for everyone. Patrons make that possible.</p>
          {newsletter}
        </div>
        <nav aria-label="Footer">
          <ul>
            {sections.map((s) => (
              <li key={s.slug}>
                <Link href={`/sections/${s.slug}`}>{s.name}</Link>
              </li>
            ))}
          </ul>
          <ul>
            <li>
              <Link href="/support">Become a patron</Link>
            </li>
            <li>
              <Link href="/topics">Vote on what we cover next</Link>
            </li>
            <li>
              <Link href="/transparency">Transparency: our figures and spending</Link>
            </li>
            <li>
              <Link href="/search">Search</Link>
            </li>
            <li>
              <a href="/feed.xml">RSS feed</a>
            </li>
            <li>
              <Link href="/cancel">Cancel membership</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
