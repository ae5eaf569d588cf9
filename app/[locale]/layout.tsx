import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { siteUrl } from '@/lib/config/site';
import { LOCALES, localePath } from '@/lib/i18n/locales';
import { clientMessages } from '@/lib/i18n/messages';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { HtmlDocument } from '@/components/HtmlDocument';
import { IntlProvider } from '@/components/i18n/IntlProvider';

// Every language is rendered at build time; any other first segment is not a locale (pageLocale: 404).
export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  return { alternates: { types: { 'application/rss+xml': `${siteUrl()}${localePath(locale, '/feed.xml')}` } } };
}

/** The root of every reader page: the language comes from the URL only (nothing per request). */
export default async function LocaleLayout({ children, params }: LocaleParams & { children: ReactNode }) {
  const locale = await pageLocale(params);
  return (
    <HtmlDocument lang={locale}>
      <IntlProvider locale={locale} messages={clientMessages(locale)} timeZone={process.env.SITE_TIMEZONE?.trim() || 'UTC'}>
        {children}
      </IntlProvider>
    </HtmlDocument>
  );
}
