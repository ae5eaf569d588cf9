'use client';

import { BundledIntlProvider, type BundledIntlProps } from './BundledIntlProvider';
import { messages } from './catalogue.en';

/** Client components of a page in English: their messages come with this module's chunk. */
export function EnglishIntlProvider(props: BundledIntlProps) {
  return <BundledIntlProvider locale="en" catalogue={messages} {...props} />;
}
