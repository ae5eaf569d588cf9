import type { ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/locales';
import { clientMessages, type MessagePath } from '@/lib/i18n/messages';
import { LocaleIntlProvider } from './LocaleIntlProvider';

/**
 * Extra catalogue namespaces (or groups, "ns.group") for the client components of one page (e.g. the
 * support page's tier cards): sent to the browser only with the pages that render this, added to the
 * CLIENT_NAMESPACES every page has. Server component; wrap the client components that call useTranslations(ns).
 */
export function PageMessages({
  locale,
  namespaces,
  children,
}: {
  locale: Locale;
  namespaces: readonly MessagePath[];
  children: ReactNode;
}) {
  return (
    <LocaleIntlProvider locale={locale} messages={clientMessages(locale, namespaces)}>
      {children}
    </LocaleIntlProvider>
  );
}
