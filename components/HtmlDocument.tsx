import type { ReactNode } from 'react';
import { testMode, mailToOutbox, stripeIsLocal } from '@/lib/config/site';
import type { Locale } from '@/lib/i18n/locales';
import { TestModeRibbon } from '@/components/TestModeRibbon';

/**
 * <html> and <body> for every root: reader pages (app/[locale]/layout.tsx, lang from the URL) and
 * the pages outside the locale prefix (desk, dashboard, mailbox, error pages). The app's root layout
 * only passes children through, so that <html lang> can follow the URL's language.
 */
export function HtmlDocument({ lang, children }: { lang: Locale; children: ReactNode }) {
  return (
    <html lang={lang}>
      <body>
        {testMode() ? <TestModeRibbon mail={mailToOutbox()} stripe={stripeIsLocal()} locale={lang} /> : null}
        {children}
      </body>
    </html>
  );
}
