import type { Metadata } from 'next';
import { z } from 'zod';
import { notFound } from 'next/navigation';
import { isLocale, type Locale } from './locales';

export type LocaleParams = { params: Promise<{ locale: string }> };

/** The language of a page under app/[locale]: from the URL segment; anything else is a 404. */
export async function pageLocale(params: Promise<{ locale?: string }>): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return locale;
}

export type SearchParamsProps = LocaleParams & { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * `generateMetadata` for a page kept out of search engines, titled in the page's language.
 * `noReferrer` for pages whose address carries a secret (a one-time token).
 */
export function unindexedMetadata(title: (locale: Locale) => string, { noReferrer = false }: { noReferrer?: boolean } = {}) {
  return async ({ params }: LocaleParams): Promise<Metadata> => {
    const locale = await pageLocale(params);
    return { title: title(locale), robots: { index: false }, ...(noReferrer ? { referrer: 'no-referrer' } : {}) };
  };
}

const tokenSchema = z.string().min(1).max(200).optional().catch(undefined);

/** The address's `token` (the first one), or undefined when it is missing or implausible. */
export async function tokenParam(searchParams: SearchParamsProps['searchParams']): Promise<string | undefined> {
  const sp = await searchParams;
  return tokenSchema.parse(Array.isArray(sp.token) ? sp.token[0] : sp.token);
}
