// Types next-intl's hooks (useTranslations, useLocale) with our locales and the English catalogue.
import type { Locale } from './locales';
import type { Messages } from './messages';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
