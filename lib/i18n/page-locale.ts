import { notFound } from 'next/navigation';
import { isLocale, type Locale } from './locales';

export type LocaleParams = { params: Promise<{ locale: string }> };

/** The language of a page under app/[locale]: from the URL segment; anything else is a 404. */
export async function pageLocale(params: Promise<{ locale?: string }>): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return locale;
}
