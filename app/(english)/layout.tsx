import type { ReactNode } from 'react';
import LocaleLayout, { generateMetadata as localeMetadata } from '../[locale]/layout';

/**
 * English pages with a folder of their own (ENGLISH_OWN_ROUTES, lib/i18n/routes.ts): app/[locale]'s
 * layouts in English, one file per layout as there, so that both trees load the same client chunks.
 * At their own address these pages skip the rewrite of /en/…, which Next runs again for every request
 * of a rewritten page; the article is the page read most.
 */
const english = Promise.resolve({ locale: 'en' });

export const generateMetadata = () => localeMetadata({ params: english });

export default function EnglishLayout({ children }: { children: ReactNode }) {
  return <LocaleLayout params={english}>{children}</LocaleLayout>;
}
