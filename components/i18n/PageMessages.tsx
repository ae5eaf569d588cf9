import type { ReactNode } from 'react';
import type { Locale } from '@/lib/i18n/locales';
import { CLIENT_NAMESPACES, clientMessages, type MessagePath } from '@/lib/i18n/messages';
import { IntlProvider } from './IntlProvider';

/**
 * Extra catalogue namespaces (or groups, "ns.group") for the client components of one page (e.g. the
 * support page's tier cards): sent to the browser only with the pages that render this, not with every
 * page like CLIENT_NAMESPACES. Server component; wrap the client components that call useTranslations(ns).
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
    <IntlProvider
      locale={locale}
      messages={clientMessages(locale, [...CLIENT_NAMESPACES, ...namespaces])}
      timeZone={process.env.SITE_TIMEZONE?.trim() || 'UTC'}
    >
      {children}
    </IntlProvider>
  );
}
