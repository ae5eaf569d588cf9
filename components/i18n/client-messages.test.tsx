/**
 * What the reader pages send to the browser in the way of messages (issues #16/#17: the article page's
 * bytes). The locale layout's provider rides along with every static page, and the root not-found's
 * provider with every page's payload too (Next renders not-found boundaries into it): both must carry
 * only what client components read, and stay within a size budget.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import LocaleLayout from '@/app/[locale]/layout';
import RootNotFound from '@/app/not-found';
import { LOCALES, type Locale } from '@/lib/i18n/locales';
import { CLIENT_NAMESPACES, clientMessages, messagesFor } from '@/lib/i18n/messages';

type Tree = { [key: string]: string | Tree };
type Props = { children?: unknown; messages?: Tree; locale?: string };

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

/** The first element in a server component's output whose props carry `messages` (the IntlProvider). */
function providerIn(node: unknown): Props | null {
  if (!node || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = providerIn(child);
      if (found) return found;
    }
    return null;
  }
  const props = (node as ReactElement<Props>).props;
  if (!props) return null;
  if (props.messages) return props;
  return providerIn(props.children);
}

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every useTranslations('…') namespace of a client component, by file (relative to the repository). */
const clientNamespaces = new Map<string, string[]>(
  ['app', 'components']
    .flatMap((d) => sourceFiles(path.join(root, d)))
    .map((file) => [path.relative(root, file), fs.readFileSync(file, 'utf8')] as const)
    .filter(([, text]) => /^\s*['"]use client['"]/.test(text))
    .map(([file, text]) => [file, [...text.matchAll(/useTranslations\(\s*['"]([\w.]+)['"]\s*\)/g)].map((m) => m[1]!)] as const)
    .filter(([, namespaces]) => namespaces.length > 0),
);
const readInTheBrowser = [...new Set([...clientNamespaces.values()].flat())];
const under = (key: string, ns: string) => key === ns || key.startsWith(`${ns}.`);

describe('the messages every reader page sends to the browser', () => {
  it('are the client namespaces, in the page’s language, from the locale layout', async () => {
    for (const locale of LOCALES) {
      const page = await LocaleLayout({ children: null, params: Promise.resolve({ locale }) });
      const provider = providerIn(page);
      expect(provider?.locale).toBe(locale);
      expect(provider?.messages).toEqual(clientMessages(locale));
    }
  });

  it('hold only keys a client component reads: the header, footer, ribbon and forbidden page translate on the server', () => {
    for (const locale of LOCALES) {
      const sent = leaves(clientMessages(locale) as unknown as Tree);
      expect(sent.filter((key) => !readInTheBrowser.some((ns) => under(key, ns)))).toEqual([]);
      for (const serverOnly of ['common.skipToContent', 'common.header', 'common.footer', 'common.testMode', 'common.forbidden']) {
        expect(
          sent.filter((key) => under(key, serverOnly)),
          serverOnly,
        ).toEqual([]);
      }
    }
  });

  it('hold everything the client components of every reader page read (no key shows as its name)', () => {
    // Rendered under the locale layout's provider alone (no PageMessages around them).
    const everywhere = [
      'components/site/AccountLink.tsx',
      'components/site/LanguageSwitcher.tsx',
      'components/site/NotFoundContent.tsx',
      'components/cta/SupportBanner.tsx',
      'components/cta/CtaSlot.tsx',
      'components/campaigns/CampaignProgress.tsx',
      'components/voting/GuestPickButton.tsx',
      'components/a11y/ErrorSummary.tsx',
    ];
    for (const file of everywhere) {
      const namespaces = clientNamespaces.get(file);
      expect(namespaces, file).toBeDefined();
      for (const ns of namespaces!)
        expect(
          CLIENT_NAMESPACES.some((sent) => under(ns, sent)),
          `${file}: ${ns}`,
        ).toBe(true);
    }
  });

  it('stay within their budget (they are repeated in every page’s payload)', () => {
    // 2026-12-06: en 2,004 bytes, uk 3,303 (the whole a11y, common and cta namespaces they replaced: 2,847 and 4,656).
    const budget: Record<Locale, number> = { en: 2_150, uk: 3_550 };
    for (const locale of LOCALES) {
      expect(Buffer.byteLength(JSON.stringify(clientMessages(locale))), locale).toBeLessThanOrEqual(budget[locale]);
    }
  });
});

describe('clientMessages', () => {
  it('sends whole groups of the catalogue, as the catalogue’s own objects', () => {
    const uk = messagesFor('uk');
    const sent = clientMessages('uk', ['common.account', 'cta.banner', 'a11y']);
    expect(sent).toEqual({ common: { account: uk.common.account }, cta: { banner: uk.cta.banner }, a11y: uk.a11y });
    expect(sent.common?.account).toBe(uk.common.account);
  });

  it('sends a namespace whole when it is asked for whole and in part, without touching the catalogue', () => {
    const en = messagesFor('en');
    const before = JSON.stringify(en.common);
    expect(clientMessages('en', ['common.account', 'common', 'common.language'])).toEqual({ common: en.common });
    expect(clientMessages('en', ['common.account', 'common']).common).toBe(en.common);
    expect(JSON.stringify(en.common)).toBe(before);
  });
});

describe('the root not-found page (in every page’s payload)', () => {
  it('sends only the 404’s own words', () => {
    const provider = providerIn(RootNotFound());
    expect(provider?.locale).toBe('en');
    expect(leaves(provider!.messages!).every((key) => under(key, 'common.notFound'))).toBe(true);
    expect(provider?.messages).toEqual({ common: { notFound: messagesFor('en').common.notFound } });
  });
});
