import type { ReactNode } from 'react';
import SiteLayout from '../../[locale]/(site)/layout';

/** app/[locale]/(site)/layout.tsx in English (app/(english)/layout.tsx says why). */
export default function EnglishSiteLayout({ children }: { children: ReactNode }) {
  return <SiteLayout params={Promise.resolve({ locale: 'en' })}>{children}</SiteLayout>;
}
