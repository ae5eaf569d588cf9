import Link from 'next/link';
import type { ReactNode } from 'react';
import type { SectionSummary } from '@/lib/articles/queries';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export function SiteFooter({
  siteName,
  description,
  sections,
  newsletter,
  locale,
}: {
  siteName: string;
  description: string;
  sections: SectionSummary[];
  newsletter?: ReactNode;
  locale: Locale;
}) {
  const t = translator(locale, 'common.footer');
  const href = (path: string) => localePath(locale, path);
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <div>
          <p className="site-footer__name">{siteName}</p>
          <p>{description}</p>
          <p>{t('promise')}</p>
          {newsletter}
        </div>
        <nav aria-label={t('label')}>
          <ul>
            {sections.map((s) => (
              <li key={s.slug}>
                <Link href={href(`/sections/${s.slug}`)}>{s.name}</Link>
              </li>
            ))}
          </ul>
          <ul>
            <li>
              <Link href={href('/support')}>{t('becomePatron')}</Link>
            </li>
            <li>
              <Link href={href('/topics')}>{t('vote')}</Link>
            </li>
            <li>
              <Link href={href('/transparency')}>{t('transparency')}</Link>
            </li>
            <li>
              <Link href={href('/search')}>{t('search')}</Link>
            </li>
            <li>
              <a href={href('/feed.xml')}>{t('feed')}</a>
            </li>
            <li>
              <Link href={href('/cancel')}>{t('cancel')}</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
