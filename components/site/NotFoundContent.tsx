'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { localePath } from '@/lib/i18n/locales';

/** The 404 body in the page's language (a client component: not-found files get no route params). */
export function NotFoundContent() {
  const locale = useLocale();
  const t = useTranslations('common.notFound');
  return (
    <div className="not-found">
      <title>{t('title')}</title>
      <p className="kicker">{t('kicker')}</p>
      <h1>{t('heading')}</h1>
      <p>{t('body')}</p>
      <form action={localePath(locale, '/search')} method="get" role="search" className="search-form">
        <label htmlFor="nf-q" className="visually-hidden">
          {t('searchLabel')}
        </label>
        <input id="nf-q" name="q" type="search" placeholder={t('searchLabel')} maxLength={200} />
        <button type="submit" className="button">
          {t('searchButton')}
        </button>
      </form>
      <p>
        <Link href={localePath(locale, '/')}>{t('home')}</Link>
      </p>
    </div>
  );
}
