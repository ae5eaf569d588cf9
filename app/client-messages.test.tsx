/**
 * What the reader pages send to the browser in the way of messages (issues #16/#17: the article page's
 * bytes). Client components read CLIENT_NAMESPACES from their language's JavaScript chunk: the locale
 * layout and the root not-found (which Next renders into every page's payload) put no catalogue in the
 * page, a page's own namespaces (PageMessages) ride along with that page only, the chunk holds only
 * what client components read, and it stays within a size budget.
 */
import fs from 'node:fs';
import path from 'node:path';
import { useTranslations } from 'next-intl';
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import LocaleLayout from '@/app/[locale]/layout';
import RootNotFound from '@/app/not-found';
import { mergeMessages, pickMessages } from '@/lib/i18n/client-messages';
import { LOCALES, type Locale } from '@/lib/i18n/locales';
import { CLIENT_NAMESPACES, clientMessages, messagesFor } from '@/lib/i18n/messages';
import { messages as englishChunk } from '@/components/i18n/catalogue.en';
import { messages as ukrainianChunk } from '@/components/i18n/catalogue.uk';
import { LocaleIntlProvider } from '@/components/i18n/LocaleIntlProvider';
import { EnglishIntlProvider } from '@/components/i18n/IntlProvider.en';
import { UkrainianIntlProvider } from '@/components/i18n/IntlProvider.uk';
import { PageMessages } from '@/components/i18n/PageMessages';

type Tree = { [key: string]: string | Tree };
type Props = { children?: ReactNode; messages?: Tree; locale?: string; timeZone?: string };

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

/** Every element of a server component's output, walking children (components below are not called). */
function elements(node: unknown): ReactElement<Props>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!isValidElement<Props>(node)) return [];
  return [node, ...elements(node.props.children)];
}

const root = path.resolve(import.meta.dirname, '..');

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

const CHUNKS: Record<Locale, unknown> = { en: englishChunk, uk: ukrainianChunk };

describe('reader pages and their messages', () => {
  it('the locale layout puts no catalogue in the page: its provider names the language, whose chunk has the messages', async () => {
    for (const locale of LOCALES) {
      const tree = elements(await LocaleLayout({ children: null, params: Promise.resolve({ locale }) }));
      expect(tree.filter((e) => e.props.messages)).toEqual([]);
      const provider = tree.find((e) => e.type === LocaleIntlProvider);
      expect(provider?.props.locale).toBe(locale);

      const client = LocaleIntlProvider({ locale, children: null });
      expect(client.type).toBe(locale === 'en' ? EnglishIntlProvider : UkrainianIntlProvider);
      // Everything the page's payload carries for the provider: the time zone.
      expect(client.props).toEqual({ timeZone: 'UTC', children: null });
    }
  });

  it('the root not-found (in every page’s payload) puts no catalogue in the page either', () => {
    const tree = elements(RootNotFound());
    expect(tree.filter((e) => e.props.messages)).toEqual([]);
    expect(tree.find((e) => e.type === LocaleIntlProvider)?.props.locale).toBe('en');
  });

  it('each language’s chunk holds exactly the client namespaces in that language', () => {
    for (const locale of LOCALES) expect(CHUNKS[locale], locale).toEqual(clientMessages(locale));
  });

  it('client components read their words from the chunk, and a page’s own namespaces are added to them', () => {
    function Probe() {
      const account = useTranslations('common.account');
      const signIn = useTranslations('membership.signIn');
      return <p>{`${account('signIn')} / ${signIn('button')}`}</p>;
    }
    const page = PageMessages({ locale: 'uk', namespaces: ['membership.signIn'], children: <Probe /> });
    // Only the page's namespace rides along with the page.
    expect(page.props.messages).toEqual({ membership: { signIn: messagesFor('uk').membership.signIn } });
    expect(renderToStaticMarkup(LocaleIntlProvider(page.props as Parameters<typeof LocaleIntlProvider>[0]))).toBe(
      '<p>Увійти / Надіслати посилання для входу</p>',
    );

    function AccountProbe() {
      return <p>{useTranslations('common.account')('signIn')}</p>;
    }
    expect(renderToStaticMarkup(LocaleIntlProvider({ locale: 'en', children: <AccountProbe /> }))).toBe('<p>Sign in</p>');
  });

  it('the chunks hold only keys a client component reads: the header, footer, ribbon and forbidden page translate on the server', () => {
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

  it('the chunks hold everything the client components of every reader page read (no key shows as its name)', () => {
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
      'components/newsletters/NewsletterSignupForm.tsx',
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

  it('the client namespaces stay within their budget (every reader downloads them)', () => {
    // 2026-12-06: en 2,404 bytes, uk 4,022 (with newsletters.signup, whose sentences were props, twice on an
    // article page); the whole a11y, common and cta namespaces the pages carried before: 2,847 and 4,656.
    const budget: Record<Locale, number> = { en: 2_550, uk: 4_250 };
    for (const locale of LOCALES) {
      expect(Buffer.byteLength(JSON.stringify(clientMessages(locale))), locale).toBeLessThanOrEqual(budget[locale]);
    }
  });
});

describe('pickMessages and mergeMessages', () => {
  it('pick whole groups of the catalogue, as the catalogue’s own objects', () => {
    const uk = messagesFor('uk');
    const sent = pickMessages(uk, ['common.account', 'cta.banner', 'a11y']);
    expect(sent).toEqual({ common: { account: uk.common.account }, cta: { banner: uk.cta.banner }, a11y: uk.a11y });
    expect(sent.common?.account).toBe(uk.common.account);
  });

  it('pick a namespace whole when it is asked for whole and in part, without touching the catalogue', () => {
    const en = messagesFor('en');
    const before = JSON.stringify(en.common);
    expect(pickMessages(en, ['common.account', 'common', 'common.language'])).toEqual({ common: en.common });
    expect(pickMessages(en, ['common.account', 'common']).common).toBe(en.common);
    expect(JSON.stringify(en.common)).toBe(before);
  });

  it('merge a page’s groups into the bundled ones, deeply, without changing either', () => {
    const base = { common: { account: { signIn: 'Sign in' } }, cta: { banner: { lead: 'Free' } } };
    const extra = { common: { language: { label: 'Language' } }, membership: { signIn: { button: 'Email me' } } };
    const snapshot = JSON.stringify([base, extra]);
    expect(mergeMessages(base, extra)).toEqual({
      common: { account: { signIn: 'Sign in' }, language: { label: 'Language' } },
      cta: { banner: { lead: 'Free' } },
      membership: { signIn: { button: 'Email me' } },
    });
    expect(JSON.stringify([base, extra])).toBe(snapshot);
    expect(mergeMessages(base, undefined)).toBe(base);
  });
});
