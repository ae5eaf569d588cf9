import Link from 'next/link';
import type { SectionSummary } from '@/lib/articles/queries';
import { AccountLink } from './AccountLink';

export function SiteHeader({ siteName, sections }: { siteName: string; sections: SectionSummary[] }) {
  return (
    <header className="site-header">
      <div className="container site-header__top">
        <Link href="/" className="site-header__name">
          {siteName}
        </Link>
        <div className="site-header__actions">
          <Link href="/topics" className="site-header__vote">
            Vote
          </Link>
          <Link href="/search" className="site-header__search">
            Search
          </Link>
          <AccountLink />
          <Link href="/support" className="button site-header__support">
            Support us
          </Link>
        </div>
      </div>
      {sections.length ? (
        <nav className="site-nav" aria-label="Sections">
          <ul className="container">
            {sections.map((s) => (
              <li key={s.slug}>
                <Link href={`/sections/${s.slug}`}>{s.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
