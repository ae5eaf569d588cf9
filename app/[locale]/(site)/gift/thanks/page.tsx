import { NoticePage } from '@/components/site/NoticePage';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, unindexedMetadata, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export const generateMetadata = unindexedMetadata((locale) => translator(locale, 'gifts.thanks')('title'));

/** After paying for a gift (public: it shows nothing personal; the gift is confirmed by Stripe's webhook). */
export default async function GiftThanksPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'gifts.thanks');
  return (
    <NoticePage
      className="account-page"
      title={t('title')}
      message={t('body')}
      home={{ href: localePath(locale, '/'), label: t('home') }}
    />
  );
}
