import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { siteDescription, siteName, siteUrl, testMode, mailToOutbox, stripeIsLocal } from '@/lib/config/site';
import { TestModeRibbon } from '@/components/TestModeRibbon';
import './globals.css';

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: siteName(), template: `%s · ${siteName()}` },
    description: siteDescription(),
    alternates: { types: { 'application/rss+xml': `${siteUrl()}/feed.xml` } },
  };
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {testMode() ? <TestModeRibbon mail={mailToOutbox()} stripe={stripeIsLocal()} /> : null}
        {children}
      </body>
    </html>
  );
}
