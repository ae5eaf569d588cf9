import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { siteUrl } from '@/lib/config/site';
import { LOCALES, localePath } from '@/lib/i18n/locales';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { HtmlDocument } from '@/components/HtmlDocument';
import { LocaleIntlProvider } from '@/components/i18n/LocaleIntlProvider';

// Every language is rendered at build time; any other first segment is not a locale (pageLocale: 404).
export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  return { alternates: { types: { 'application/rss+xml': `${siteUrl()}${localePath(locale, '/feed.xml')}` } } };
}

/**
 * The root of every reader page: the language comes from the URL only (nothing per request). The
 * client components' messages come with the language's JavaScript, not in each page (LocaleIntlProvider).
 */
export default async function LocaleLayout({ children, params }: LocaleParams & { children: ReactNode }) {
  const locale = await pageLocale(params);
  return (
    <HtmlDocument lang={locale}>
      <LocaleIntlProvider locale={locale}>{children}</LocaleIntlProvider>
    </HtmlDocument>
  );
}
