import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { siteDescription, siteName, siteUrl } from '@/lib/config/site';
import './globals.css';

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: siteName(), template: `%s · ${siteName()}` },
    description: siteDescription(),
  };
}

/**
 * Passes children through: <html lang> is set one level down, by app/[locale]/layout.tsx for reader
 * pages (the language is in the URL) and by each area's layout outside it (components/HtmlDocument).
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
