import type { Metadata } from 'next';
import type { ReactNode } from 'react';

// Personal pages: never cached, never indexed. Each page checks who is signed in itself.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account', robots: { index: false } };

export default function AccountLayout({ children }: { children: ReactNode }) {
  return children;
}
