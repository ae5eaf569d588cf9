'use client';

import { NextIntlClientProvider } from 'next-intl';
import { useMemo, type ReactNode } from 'react';
import { mergeMessages, type PartialMessages } from '@/lib/i18n/client-messages';
import type { Locale } from '@/lib/i18n/locales';

export type BundledIntlProps = {
  timeZone: string;
  /** A page's own namespaces (PageMessages), added to the bundled ones. */
  messages?: PartialMessages;
  children: ReactNode;
};

/**
 * next-intl's client provider (imported from a client module on purpose: its server variant reads
 * next-intl's request config, which Patronage does not use). `catalogue` is the language's client
 * messages, compiled into the JavaScript by IntlProvider.en.tsx / IntlProvider.uk.tsx: it is never
 * serialized into a page. Pick the provider with LocaleIntlProvider.
 */
export function BundledIntlProvider({
  locale,
  catalogue,
  messages,
  timeZone,
  children,
}: BundledIntlProps & { locale: Locale; catalogue: PartialMessages }) {
  const all = useMemo(() => mergeMessages(catalogue, messages), [catalogue, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={all} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
