import type { Metadata } from 'next';
import Link from 'next/link';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'gifts.thanks');
  return { title: t('title'), robots: { index: false } };
}

/** After paying for a gift (public: it shows nothing personal; the gift is confirmed by Stripe's webhook). */
export default async function GiftThanksPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'gifts.thanks');
  return (
    <div className="container account-page">
      <h1>{t('title')}</h1>
      <p role="status">{t('body')}</p>
      <p>
        <Link href={localePath(locale, '/')}>{t('home')}</Link>
      </p>
    </div>
  );
}
