import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { pageLocale, type LocaleParams } from '@/lib/i18n/page-locale';
import { translator } from '@/lib/i18n/translator';

// Personal pages: never cached, never indexed. Each page checks who is signed in itself.
export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = translator(locale, 'account.meta');
  return { title: t('title'), robots: { index: false } };
}

export default function AccountLayout({ children }: { children: ReactNode }) {
  return children;
}
