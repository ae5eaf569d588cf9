/**
 * Every database read the public (reader-facing) site makes. Pages in app/(site) call these and never
 * touch Prisma themselves.
 *
 * THE VISIBILITY RULE lives here and only here (`visibleArticleWhere` for Prisma queries and
 * `visibleArticleSql` for raw SQL): an article is visible to readers when its status is PUBLISHED, or
 * SCHEDULED with its publish time reached, and in both cases `publishedAt` is set and <= now.
 * DRAFT is never visible.
 */
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/db/client';
import { localized } from '@/lib/i18n/content';
import { toLocale, type Locale } from '@/lib/i18n/locales';

export const PAGE_SIZE = 12;
export { SEARCH_MAX_LENGTH, SEARCH_PAGE_SIZE } from './search-config';

// ---------------------------------------------------------------------------------------------
// Visibility
// ---------------------------------------------------------------------------------------------

/** Prisma filter for "visible to readers at `now`". */
export function visibleArticleWhere(now: Date = new Date()): Prisma.ArticleWhereInput {
  return {
    status: { in: ['PUBLISHED', 'SCHEDULED'] },
    publishedAt: { not: null, lte: now },
  };
}

/** The same rule as SQL, for raw queries. `alias` is the Article table alias used in the query. */
export function visibleArticleSql(alias: 'a', now: Date = new Date()): Prisma.Sql {
  // alias is a fixed literal (typed), never user input.
  const a = Prisma.raw(`"${alias}"`);
  return Prisma.sql`(${a}."status" IN ('PUBLISHED', 'SCHEDULED') AND ${a}."publishedAt" IS NOT NULL AND ${a}."publishedAt" <= ${now})`;
}

/** Pure version of the rule, for code that already holds an article. */
export function isVisible(article: { status: string; publishedAt: Date | null }, now: Date = new Date()): boolean {
  if (article.status !== 'PUBLISHED' && article.status !== 'SCHEDULED') return false;
  return article.publishedAt !== null && article.publishedAt.getTime() <= now.getTime();
}

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

const cardSelect = {
  id: true,
  slug: true,
  title: true,
  standfirst: true,
  publishedAt: true,
  updatedAt: true,
  heroImageUrl: true,
  heroImageAlt: true,
  locale: true,
  section: { select: { slug: true, name: true, translations: true } },
  authors: { orderBy: { position: 'asc' }, select: { author: { select: { slug: true, name: true } } } },
} satisfies Prisma.ArticleSelect;

type CardRow = Prisma.ArticleGetPayload<{ select: typeof cardSelect }>;

export type ArticleCard = {
  id: string;
  slug: string;
  title: string;
  standfirst: string;
  publishedAt: Date;
  updatedAt: Date;
  heroImageUrl: string | null;
  heroImageAlt: string | null;
  /** The language the article is written in. */
  locale: Locale;
  section: { slug: string; name: string };
  authors: { slug: string; name: string }[];
};

function toCard(row: CardRow): ArticleCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    standfirst: row.standfirst,
    // Visible articles always have publishedAt (see the rule); fall back defensively.
    publishedAt: row.publishedAt ?? row.updatedAt,
    updatedAt: row.updatedAt,
    heroImageUrl: row.heroImageUrl,
    heroImageAlt: row.heroImageAlt,
    locale: toLocale(row.locale),
    // The section named in the article's language.
    section: { slug: row.section.slug, name: localized(row.section.translations, toLocale(row.locale), 'name', row.section.name) },
    authors: row.authors.map((a) => a.author),
  };
}

export type Paginated<T> = { items: T[]; page: number; pageSize: number; total: number; totalPages: number };

export type SectionSummary = { id: string; slug: string; name: string; description: string };

const newestFirst = [{ publishedAt: 'desc' }, { id: 'desc' }] satisfies Prisma.ArticleOrderByWithRelationInput[];

/** Normalises a page number from untrusted input: integers >= 1, anything else is page 1. */
export function normalisePage(input: unknown): number {
  const n = typeof input === 'number' ? input : typeof input === 'string' && /^\d{1,6}$/.test(input) ? Number(input) : 1;
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

// ---------------------------------------------------------------------------------------------
// Language of listings
// ---------------------------------------------------------------------------------------------

/**
 * Reader listings (home, sections, tags, authors) show the articles written in the page's language.
 * When a listing has none in that language (a newsroom that has not translated anything yet), it
 * shows every language rather than an empty page. `locale` undefined: every language.
 */
async function inLanguage<T>(
  locale: Locale | undefined,
  run: (where: Prisma.ArticleWhereInput) => Promise<T>,
  isEmpty: (result: T) => boolean,
): Promise<T> {
  if (!locale) return run({});
  const own = await run({ locale });
  return isEmpty(own) ? run({}) : own;
}

// ---------------------------------------------------------------------------------------------
// Build-time tolerance
// ---------------------------------------------------------------------------------------------

/**
 * Static pages (home, sitemap, feed, the site header) are prerendered by `next build`. If the build
 * runs against a database that is not migrated yet, render them empty instead of failing the build;
 * they are regenerated by ISR (`revalidate`) or `revalidateArticlePaths` once content exists.
 * Outside the build, errors propagate as usual.
 */
async function tolerateBuild<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (process.env.NEXT_PHASE === 'phase-production-build') {
      console.warn(`[articles] database not ready during build, rendering empty: ${(err as Error).message.split('\n')[0]}`);
      return fallback;
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Sections (navigation) and home
// ---------------------------------------------------------------------------------------------

const sectionSelect = { id: true, slug: true, name: true, description: true, translations: true } satisfies Prisma.SectionSelect;

/** A section's name and description in `locale` (each falling back to English; lib/i18n/content.ts). */
export function localizeSection(
  s: { id: string; slug: string; name: string; description: string; translations?: unknown },
  locale: Locale | undefined,
): SectionSummary {
  if (!locale) return { id: s.id, slug: s.slug, name: s.name, description: s.description };
  return {
    id: s.id,
    slug: s.slug,
    name: localized(s.translations, locale, 'name', s.name),
    description: localized(s.translations, locale, 'description', s.description),
  };
}

/** The sections (navigation), named in `locale` (English when absent). */
export async function listSections(locale?: Locale): Promise<SectionSummary[]> {
  return tolerateBuild(async () => {
    const db = await getDb();
    const rows = await db.section.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }], select: sectionSelect });
    return rows.map((r) => localizeSection(r, locale));
  }, []);
}

export type HomeData = {
  lead: ArticleCard | null;
  /** Up to `perSection` newest articles per section (excluding the lead), sections with none omitted. */
  sections: { section: SectionSummary; articles: ArticleCard[] }[];
};

export async function getHomeData({
  perSection = 4,
  now = new Date(),
  locale,
}: { perSection?: number; now?: Date; locale?: Locale } = {}): Promise<HomeData> {
  return tolerateBuild(
    () =>
      inLanguage(
        locale,
        async (language) => {
          const db = await getDb();
          const [leadRow, sections] = await Promise.all([
            db.article.findFirst({ where: { ...visibleArticleWhere(now), ...language }, orderBy: newestFirst, select: cardSelect }),
            listSections(locale),
          ]);
          const lead = leadRow ? toCard(leadRow) : null;
          const perSectionRows = await Promise.all(
            sections.map((section) =>
              db.article.findMany({
                where: { ...visibleArticleWhere(now), ...language, sectionId: section.id, ...(lead ? { id: { not: lead.id } } : {}) },
                orderBy: newestFirst,
                take: perSection,
                select: cardSelect,
              }),
            ),
          );
          return {
            lead,
            sections: sections
              .map((section, i) => ({ section, articles: (perSectionRows[i] ?? []).map(toCard) }))
              .filter((s) => s.articles.length > 0),
          };
        },
        (home) => home.lead === null,
      ),
    { lead: null, sections: [] },
  );
}

// ---------------------------------------------------------------------------------------------
// Article
// ---------------------------------------------------------------------------------------------

/** The same story in another language (an article's original or one of its translations), visible to readers. */
export type ArticleCounterpart = { slug: string; locale: Locale };

export type ArticleDetail = Omit<ArticleCard, 'section' | 'authors'> & {
  body: string;
  section: { slug: string; name: string; id: string };
  authors: { slug: string; name: string; bio: string; avatarUrl: string | null }[];
  tags: { slug: string; name: string }[];
  /** Visible versions of this story in other languages (one per language, the original first). */
  counterparts: ArticleCounterpart[];
};

const counterpartSelect = { slug: true, locale: true, status: true, publishedAt: true } satisfies Prisma.ArticleSelect;

/** One visible version per other language: the original first, then its translations. */
export function pickCounterparts(
  self: { slug: string; locale: string },
  candidates: { slug: string; locale: string; status: string; publishedAt: Date | null }[],
  now: Date = new Date(),
): ArticleCounterpart[] {
  const out: ArticleCounterpart[] = [];
  const seen = new Set<string>([self.locale]);
  for (const c of candidates) {
    if (c.slug === self.slug || seen.has(c.locale) || !isVisible(c, now)) continue;
    seen.add(c.locale);
    out.push({ slug: c.slug, locale: toLocale(c.locale) });
  }
  return out;
}

/** A visible article by slug, or null (unknown, draft or not yet due). */
export async function getArticleBySlug(slug: string, now: Date = new Date()): Promise<ArticleDetail | null> {
  if (!isPlausibleSlug(slug)) return null;
  const db = await getDb();
  const row = await db.article.findFirst({
    where: { slug, ...visibleArticleWhere(now) },
    select: {
      ...cardSelect,
      body: true,
      section: { select: { id: true, slug: true, name: true, translations: true } },
      authors: {
        orderBy: { position: 'asc' },
        select: { author: { select: { slug: true, name: true, bio: true, avatarUrl: true } } },
      },
      tags: { orderBy: { tag: { name: 'asc' } }, select: { tag: { select: { slug: true, name: true } } } },
      translationOf: { select: { ...counterpartSelect, translations: { orderBy: { createdAt: 'asc' }, select: counterpartSelect } } },
      translations: { orderBy: { createdAt: 'asc' }, select: counterpartSelect },
    },
  });
  if (!row) return null;
  const original = row.translationOf;
  return {
    ...toCard(row as unknown as CardRow),
    body: row.body,
    section: {
      id: row.section.id,
      slug: row.section.slug,
      name: localized(row.section.translations, toLocale(row.locale), 'name', row.section.name),
    },
    authors: row.authors.map((a) => a.author),
    tags: row.tags.map((t) => t.tag),
    counterparts: pickCounterparts(row, original ? [original, ...original.translations] : row.translations, now),
  };
}

/** Newest other visible articles in the same section. */
export async function getMoreInSection(
  article: { id: string; section: { id: string }; locale?: Locale },
  limit = 4,
  now: Date = new Date(),
): Promise<ArticleCard[]> {
  const db = await getDb();
  const rows = await db.article.findMany({
    where: {
      ...visibleArticleWhere(now),
      sectionId: article.section.id,
      id: { not: article.id },
      ...(article.locale ? { locale: article.locale } : {}),
    },
    orderBy: newestFirst,
    take: limit,
    select: cardSelect,
  });
  return rows.map(toCard);
}

/** Slugs are lowercase words and dashes; anything else cannot exist, so skip the query. */
export function isPlausibleSlug(slug: unknown): slug is string {
  return typeof slug === 'string' && slug.length > 0 && slug.length <= 200 && /^[a-z0-9][a-z0-9-]*$/i.test(slug);
}

// ---------------------------------------------------------------------------------------------
// Listings (section, tag, author)
// ---------------------------------------------------------------------------------------------

async function paginate(where: Prisma.ArticleWhereInput, page: number, pageSize: number): Promise<Paginated<ArticleCard>> {
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.article.count({ where }),
    db.article.findMany({ where, orderBy: newestFirst, skip: (page - 1) * pageSize, take: pageSize, select: cardSelect }),
  ]);
  return { items: rows.map(toCard), page, pageSize, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
}

export type SectionListing = { section: SectionSummary; articles: Paginated<ArticleCard> };
export type TagListing = { tag: { id: string; slug: string; name: string }; articles: Paginated<ArticleCard> };
export type AuthorListing = {
  author: { id: string; slug: string; name: string; bio: string; avatarUrl: string | null };
  articles: Paginated<ArticleCard>;
};

export type ListingOpts = { page?: number; pageSize?: number; now?: Date; locale?: Locale };

function paginateIn(locale: Locale | undefined, where: Prisma.ArticleWhereInput, page: number, pageSize: number) {
  return inLanguage(
    locale,
    (language) => paginate({ ...where, ...language }, page, pageSize),
    (r) => r.total === 0,
  );
}

/** null when the section does not exist. Pages past the end return empty `items`. */
export async function getSectionListing(
  slug: string,
  { page = 1, pageSize = PAGE_SIZE, now = new Date(), locale }: ListingOpts = {},
): Promise<SectionListing | null> {
  if (!isPlausibleSlug(slug)) return null;
  const db = await getDb();
  const row = await db.section.findUnique({ where: { slug }, select: sectionSelect });
  if (!row) return null;
  const articles = await paginateIn(locale, { ...visibleArticleWhere(now), sectionId: row.id }, normalisePage(page), pageSize);
  return { section: localizeSection(row, locale), articles };
}

export async function getTagListing(
  slug: string,
  { page = 1, pageSize = PAGE_SIZE, now = new Date(), locale }: ListingOpts = {},
): Promise<TagListing | null> {
  if (!isPlausibleSlug(slug)) return null;
  const db = await getDb();
  const tag = await db.tag.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  if (!tag) return null;
  const articles = await paginateIn(
    locale,
    { ...visibleArticleWhere(now), tags: { some: { tagId: tag.id } } },
    normalisePage(page),
    pageSize,
  );
  return { tag, articles };
}

export async function getAuthorListing(
  slug: string,
  { page = 1, pageSize = PAGE_SIZE, now = new Date(), locale }: ListingOpts = {},
): Promise<AuthorListing | null> {
  if (!isPlausibleSlug(slug)) return null;
  const db = await getDb();
  const author = await db.author.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, bio: true, avatarUrl: true } });
  if (!author) return null;
  const articles = await paginateIn(
    locale,
    { ...visibleArticleWhere(now), authors: { some: { authorId: author.id } } },
    normalisePage(page),
    pageSize,
  );
  return { author, articles };
}

// ---------------------------------------------------------------------------------------------
// Search (lib/articles/search.ts; re-exported for the pages and tests that import it from here)
// ---------------------------------------------------------------------------------------------

export { normaliseSearchQuery, searchArticles, splitSnippet, type SearchHit, type SearchResult, type SnippetPart } from './search';

// ---------------------------------------------------------------------------------------------
// Sitemap and feed
// ---------------------------------------------------------------------------------------------

export type SitemapData = {
  articles: { slug: string; updatedAt: Date; publishedAt: Date; locale: Locale; counterparts: ArticleCounterpart[] }[];
  sections: { slug: string; lastModified: Date | null }[];
  tags: { slug: string; lastModified: Date | null }[];
  authors: { slug: string; lastModified: Date | null }[];
};

/** Everything a reader can reach, for /sitemap.xml. Tags and authors without visible articles are left out. */
export async function getSitemapData(now: Date = new Date()): Promise<SitemapData> {
  return tolerateBuild(
    async () => {
      const db = await getDb();
      const visible = visibleArticleWhere(now);
      const [articles, sections, tags, authors] = await Promise.all([
        db.article.findMany({
          where: visible,
          orderBy: newestFirst,
          select: {
            slug: true,
            updatedAt: true,
            publishedAt: true,
            locale: true,
            translationOf: { select: { ...counterpartSelect, translations: { orderBy: { createdAt: 'asc' }, select: counterpartSelect } } },
            translations: { orderBy: { createdAt: 'asc' }, select: counterpartSelect },
          },
        }),
        db.section.findMany({
          orderBy: [{ position: 'asc' }, { name: 'asc' }],
          select: { slug: true, articles: { where: visible, orderBy: newestFirst, take: 1, select: { updatedAt: true } } },
        }),
        db.tag.findMany({
          where: { articles: { some: { article: visible } } },
          orderBy: { slug: 'asc' },
          select: { slug: true },
        }),
        db.author.findMany({
          where: { articles: { some: { article: visible } } },
          orderBy: { slug: 'asc' },
          select: { slug: true },
        }),
      ]);
      return {
        articles: articles.map((a) => ({
          slug: a.slug,
          updatedAt: a.updatedAt,
          publishedAt: a.publishedAt ?? a.updatedAt,
          locale: toLocale(a.locale),
          counterparts: pickCounterparts(a, a.translationOf ? [a.translationOf, ...a.translationOf.translations] : a.translations, now),
        })),
        sections: sections.map((s) => ({ slug: s.slug, lastModified: s.articles[0]?.updatedAt ?? null })),
        tags: tags.map((t) => ({ slug: t.slug, lastModified: null })),
        authors: authors.map((a) => ({ slug: a.slug, lastModified: null })),
      };
    },
    { articles: [], sections: [], tags: [], authors: [] },
  );
}

export type FeedItem = ArticleCard & { body: string; tags: { slug: string; name: string }[] };

/** Newest visible articles for /feed.xml (in one language when `locale` is given: each language has its own feed). */
export async function listFeedArticles(limit = 50, now: Date = new Date(), locale?: Locale): Promise<FeedItem[]> {
  return tolerateBuild(async () => {
    const db = await getDb();
    const rows = await db.article.findMany({
      where: { ...visibleArticleWhere(now), ...(locale ? { locale } : {}) },
      orderBy: newestFirst,
      take: limit,
      select: { ...cardSelect, body: true, tags: { select: { tag: { select: { slug: true, name: true } } } } },
    });
    return rows.map((r) => ({ ...toCard(r), body: r.body, tags: r.tags.map((t) => t.tag) }));
  }, []);
}
