import type { ComponentType, ReactNode } from 'react';
import type { BundledIntlProps } from './BundledIntlProvider';
import { siteTimeZone } from '@/lib/format/dates';
import type { Locale } from '@/lib/i18n/locales';
import type { PartialMessages } from '@/lib/i18n/client-messages';
import { EnglishIntlProvider } from './IntlProvider.en';
import { UkrainianIntlProvider } from './IntlProvider.uk';

const PROVIDERS: Readonly<Record<Locale, ComponentType<BundledIntlProps>>> = {
  en: EnglishIntlProvider,
  uk: UkrainianIntlProvider,
};

/**
 * next-intl's client provider for a page in `locale` (server component). Client components under it
 * read CLIENT_NAMESPACES from the language's JavaScript chunk, so a page's HTML carries no catalogue;
 * `messages` (PageMessages: namespaces one page needs) are sent with that page and added to them.
 */
export function LocaleIntlProvider({ locale, messages, children }: { locale: Locale; messages?: PartialMessages; children: ReactNode }) {
  const Provider = PROVIDERS[locale];
  return (
    <Provider timeZone={siteTimeZone()} {...(messages ? { messages } : {})}>
      {children}
    </Provider>
  );
}
