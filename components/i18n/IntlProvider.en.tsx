'use client';

import { BundledIntlProvider, type BundledIntlProps } from './BundledIntlProvider';
import { messages } from './catalogue.en';

/** Client components of a page in English: their messages come with this module (catalogue.en.ts), not with the page. */
export function EnglishIntlProvider(props: BundledIntlProps) {
  return <BundledIntlProvider locale="en" catalogue={messages} {...props} />;
}
