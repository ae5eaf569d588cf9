'use client';

import { BundledIntlProvider, type BundledIntlProps } from './BundledIntlProvider';
import { messages } from './catalogue.uk';

/** Client components of a page in Ukrainian: their messages come with this module (catalogue.uk.ts), not with the page. */
export function UkrainianIntlProvider(props: BundledIntlProps) {
  return <BundledIntlProvider locale="uk" catalogue={messages} {...props} />;
}
