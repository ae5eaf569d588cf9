import type { ReactNode } from 'react';
import { HtmlDocument } from '@/components/HtmlDocument';

/** The local mailbox is test equipment in English (outside the reader site's languages). */
export default function MailboxLayout({ children }: { children: ReactNode }) {
  return <HtmlDocument lang="en">{children}</HtmlDocument>;
}
