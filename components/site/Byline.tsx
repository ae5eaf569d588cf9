import Link from 'next/link';
import { Fragment } from 'react';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

/** "By A, B and C" with links to the author pages. */
export function Byline({ authors, locale = 'en' }: { authors: { slug: string; name: string }[]; locale?: Locale }) {
  if (authors.length === 0) return null;
  const t = translator(locale, 'reading.byline');
  return (
    <span className="byline">
      {t('by')}{' '}
      {authors.map((a, i) => (
        <Fragment key={a.slug}>
          {i > 0 ? (i === authors.length - 1 ? ` ${t('and')} ` : ', ') : null}
          <Link href={localePath(locale, `/authors/${a.slug}`)} rel="author">
            {a.name}
          </Link>
        </Fragment>
      ))}
    </span>
  );
}
