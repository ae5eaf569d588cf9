'use client';

/**
 * next-intl's client provider, imported from a client module on purpose: its server variant reads
 * next-intl's request config, which Patronage does not use (pages pass the locale from the URL; see
 * lib/i18n/translator.ts). The messages passed here are only the client namespaces.
 */
export { NextIntlClientProvider as IntlProvider } from 'next-intl';
