/**
 * Structured data for article pages (schema.org NewsArticle as JSON-LD) and a serializer that is
 * safe to put inside `<script type="application/ld+json">`, plus Next.js Metadata builders.
 */
import type { Metadata } from 'next';
import { DEFAULT_LOCALE, LOCALES, localePath, type Locale } from '@/lib/i18n/locales';

/** Open Graph's locale names. */
const OG_LOCALE: Readonly<Record<Locale, string>> = { en: 'en_US', uk: 'uk_UA' };

/** hreflang alternates of a page that exists in every language at the same path. */
export function languageAlternates(siteUrl: string, path: string): Record<string, string> {
  const base = siteUrl.replace(/\/+$/, '');
  return Object.fromEntries(LOCALES.map((l) => [l, `${base}${localePath(l, path)}`]));
}

export type JsonLdArticleInput = {
  slug: string;
  /** The article's language (absent: English); its translations become hreflang alternates. */
  locale?: Locale;
  counterparts?: { slug: string; locale: Locale }[];
  title: string;
  standfirst: string;
  publishedAt: Date;
  updatedAt: Date;
  heroImageUrl: string | null;
  heroImageAlt?: string | null;
  section: { slug: string; name: string };
  authors: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
};

export type JsonLdSite = { url: string; name: string; logoUrl: string };

/** Absolute URL for a site path or an already-absolute URL; null for empty/unsafe input. */
export function absoluteUrl(siteUrl: string, pathOrUrl: string | null | undefined): string | null {
  if (!pathOrUrl) return null;
  try {
    const u = new URL(pathOrUrl, `${siteUrl.replace(/\/+$/, '')}/`);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** An article's address, in the language it is written in (English has no prefix). */
export function articleUrl(siteUrl: string, slug: string, locale: Locale = DEFAULT_LOCALE): string {
  return `${siteUrl.replace(/\/+$/, '')}${localePath(locale, `/articles/${encodeURIComponent(slug)}`)}`;
}

export function buildNewsArticleJsonLd(article: JsonLdArticleInput, site: JsonLdSite): Record<string, unknown> {
  const base = site.url.replace(/\/+$/, '');
  const url = articleUrl(base, article.slug, article.locale);
  const image = absoluteUrl(base, article.heroImageUrl);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    inLanguage: article.locale ?? DEFAULT_LOCALE,
    headline: article.title.slice(0, 110),
    ...(article.standfirst ? { description: article.standfirst } : {}),
    ...(image ? { image: [image] } : {}),
    datePublished: article.publishedAt.toISOString(),
    dateModified: (article.updatedAt > article.publishedAt ? article.updatedAt : article.publishedAt).toISOString(),
    author: article.authors.map((a) => ({
      '@type': 'Person',
      name: a.name,
      url: `${base}/authors/${encodeURIComponent(a.slug)}`,
    })),
    publisher: {
      '@type': 'Organization',
      name: site.name,
      url: `${base}/`,
      logo: { '@type': 'ImageObject', url: absoluteUrl(base, site.logoUrl) ?? `${base}/logo.svg` },
    },
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    articleSection: article.section.name,
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
    isAccessibleForFree: true,
  };
}

/**
 * JSON for an inline `<script type="application/ld+json">`: `<`, `>` and `&` become unicode escapes
 * (so `</script>` or `<!--` in a title cannot end the script element), as do U+2028/U+2029.
 * The result is still valid JSON that parses back to the same value.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// ---------------------------------------------------------------------------------------------
// Next.js Metadata builders
// ---------------------------------------------------------------------------------------------

/** Canonical + Open Graph + Twitter for listing and static pages. `path` starts with `/`. */
export function pageMetadata({
  siteUrl,
  siteName,
  path,
  title,
  description,
  noindex = false,
  locale = DEFAULT_LOCALE,
}: {
  siteUrl: string;
  siteName: string;
  path: string;
  title?: string;
  description: string;
  noindex?: boolean;
  /** The page's language: the canonical URL is in it, and every language is an hreflang alternate. */
  locale?: Locale;
}): Metadata {
  const url = `${siteUrl.replace(/\/+$/, '')}${localePath(locale, path)}`;
  return {
    ...(title ? { title } : {}),
    description,
    alternates: { canonical: url, languages: languageAlternates(siteUrl, path) },
    openGraph: { type: 'website', url, siteName, title: title ?? siteName, description, locale: OG_LOCALE[locale] },
    twitter: { card: 'summary', title: title ?? siteName, description },
    ...(noindex ? { robots: { index: false, follow: true } } : {}),
  };
}

/** Full metadata for an article page. */
export function articleMetadata(article: JsonLdArticleInput, site: { url: string; name: string }): Metadata {
  const url = articleUrl(site.url, article.slug, article.locale);
  const image = absoluteUrl(site.url, article.heroImageUrl);
  const versions = [{ slug: article.slug, locale: article.locale ?? DEFAULT_LOCALE }, ...(article.counterparts ?? [])];
  const languages = Object.fromEntries(versions.map((v) => [v.locale, articleUrl(site.url, v.slug, v.locale)]));
  const images = image ? [{ url: image, alt: article.heroImageAlt || article.title, width: 1200, height: 675 }] : undefined;
  const base = site.url.replace(/\/+$/, '');
  const modified = article.updatedAt > article.publishedAt ? article.updatedAt : article.publishedAt;
  return {
    title: article.title,
    description: article.standfirst || undefined,
    alternates: { canonical: url, ...(versions.length > 1 ? { languages } : {}) },
    authors: article.authors.map((a) => ({ name: a.name, url: `${base}/authors/${a.slug}` })),
    keywords: article.tags.map((t) => t.name),
    openGraph: {
      type: 'article',
      url,
      siteName: site.name,
      title: article.title,
      description: article.standfirst || undefined,
      locale: OG_LOCALE[article.locale ?? DEFAULT_LOCALE],
      images,
      publishedTime: article.publishedAt.toISOString(),
      modifiedTime: modified.toISOString(),
      section: article.section.name,
      authors: article.authors.map((a) => `${base}/authors/${a.slug}`),
      tags: article.tags.map((t) => t.name),
    },
    twitter: {
      card: 'summary_large_image',
      title: article.title,
      description: article.standfirst || undefined,
      images: image ? [{ url: image, alt: article.heroImageAlt || article.title }] : undefined,
    },
  };
}
