import { NoticePage } from '@/components/site/NoticePage';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { pageLocale, unindexedMetadata, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

function texts(locale: Locale) {
  const t = translator(locale, 'newsletters.thanks');
  return { title: t('title'), message: t('answer'), home: { href: localePath(locale, '/'), label: t('home') } };
}

export const generateMetadata = unindexedMetadata((locale) => texts(locale).title);

/** Where a sign-up form posted without JavaScript lands: the same answer for every address. */
export default async function NewsletterThanksPage({ params }: LocaleParams) {
  return <NoticePage className="support-page" {...texts(await pageLocale(params))} />;
}
