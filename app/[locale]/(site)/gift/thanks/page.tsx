import { NoticePage } from '@/components/site/NoticePage';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { pageLocale, unindexedMetadata, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

function texts(locale: Locale) {
  const t = translator(locale, 'gifts.thanks');
  return { title: t('title'), message: t('body'), home: { href: localePath(locale, '/'), label: t('home') } };
}

export const generateMetadata = unindexedMetadata((locale) => texts(locale).title);

/** After paying for a gift (public: it shows nothing personal; the gift is confirmed by Stripe's webhook). */
export default async function GiftThanksPage({ params }: LocaleParams) {
  return <NoticePage className="account-page" {...texts(await pageLocale(params))} />;
}
