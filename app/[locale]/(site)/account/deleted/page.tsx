import type { Metadata } from 'next';
import Link from 'next/link';
import { localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'account.deleted');
  return { title: t('title'), robots: { index: false } };
}

export default async function AccountDeletedPage({ params }: LocaleParams) {
  const locale = await pageLocale(params);
  const t = translator(locale, 'account.deleted');
  return (
    <div className="container account-page" data-testid="account-deleted">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        <Link href={localePath(locale, '/')}>{t('home')}</Link>
      </p>
    </div>
  );
}
