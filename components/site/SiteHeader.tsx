import Link from 'next/link';
import type { SectionSummary } from '@/lib/articles/queries';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { AccountLink } from './AccountLink';
import { LanguageSwitcher } from './LanguageSwitcher';

export function SiteHeader({ siteName, sections, locale }: { siteName: string; sections: SectionSummary[]; locale: Locale }) {
  const t = translator(locale, 'common.header');
  const href = (path: string) => localePath(locale, path);
  return (
    <header className="site-header">
      <div className="container site-header__top">
        <Link href={href('/')} className="site-header__name">
          {siteName}
        </Link>
        <div className="site-header__actions">
          <Link href={href('/topics')} className="site-header__vote">
            {t('vote')}
          </Link>
          <Link href={href('/search')} className="site-header__search">
            {t('search')}
          </Link>
          <AccountLink />
          <LanguageSwitcher />
          <Link href={href('/support')} className="button site-header__support">
            {t('support')}
          </Link>
        </div>
      </div>
      {sections.length ? (
        <nav className="site-nav" aria-label={t('sections')}>
          <ul className="container">
            {sections.map((s) => (
              <li key={s.slug}>
                <Link href={href(`/sections/${s.slug}`)}>{s.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
