'use client';

import { BundledIntlProvider, type BundledIntlProps } from './BundledIntlProvider';
import { messages } from './catalogue.uk';

/** Client components of a page in Ukrainian: their messages come with this module's chunk. */
export function UkrainianIntlProvider(props: BundledIntlProps) {
  return <BundledIntlProvider locale="uk" catalogue={messages} {...props} />;
}
