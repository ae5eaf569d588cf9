import { NoticePage } from '@/components/site/NoticePage';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, unindexedMetadata, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const generateMetadata = unindexedMetadata((locale) => translator(locale, 'newsletters.thanks')('title'));

/** Where a sign-up form posted without JavaScript lands: the same answer for every address. */
export default async function NewsletterThanksPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'newsletters.thanks');
  return (
    <NoticePage
      className="support-page"
      title={t('title')}
      message={t('answer')}
      home={{ href: localePath(locale, '/'), label: t('home') }}
    />
  );
}
