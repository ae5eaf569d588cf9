import type { Metadata } from 'next';
import Link from 'next/link';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'newsletters.thanks');
  return { title: t('title'), robots: { index: false } };
}

/** Where a sign-up form posted without JavaScript lands: the same answer for every address. */
export default async function NewsletterThanksPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'newsletters.thanks');
  return (
    <div className="container support-page">
      <h1>{t('title')}</h1>
      <p role="status">{t('answer')}</p>
      <p>
        <Link href={localePath(locale, '/')}>{t('home')}</Link>
      </p>
    </div>
  );
}
