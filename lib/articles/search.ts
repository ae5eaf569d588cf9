/**
 * Reader search (/search): full-text search over visible articles, each in its own language's
 * text-search configuration (lib/articles/search-config.ts).
 */
import { Prisma } from '@/lib/generated/prisma/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/db/client';
import { localized } from '@/lib/i18n/content';
import { toLocale, type Locale } from '@/lib/i18n/locales';
import { normalisePage, visibleArticleSql, type ListingOpts, type Paginated } from './queries';
import { ENGLISH_INDEXED, SEARCH_MAX_LENGTH, SEARCH_PAGE_SIZE } from './search-config';

export { SEARCH_MAX_LENGTH, SEARCH_PAGE_SIZE } from './search-config';

/** Highlight markers placed by ts_headline; private-use characters that cannot occur in real text. */
const HL_START = '\uE000';
const HL_STOP = '\uE001';

/** Markdown punctuation, link targets and HTML tags removed from the body before ts_headline. */
const SNIPPET_STRIP_PATTERN = '[#*_>`|~]+|!?\\[|\\]\\([^)]*\\)|<[^>]*>';

export type SnippetPart = { text: string; match: boolean };

export type SearchHit = {
  id: string;
  slug: string;
  /** The language the article is written in. */
  locale: Locale;
  title: string;
  standfirst: string;
  publishedAt: Date;
  section: { slug: string; name: string };
  rank: number;
  /** Plain-text excerpt split into parts; `match` parts are the search hits (render them in <mark>). */
  snippet: SnippetPart[];
};

export type SearchResult = Paginated<SearchHit> & { query: string };

/**
 * Cleans untrusted search input: strips control characters, lone surrogates and private-use
 * highlight markers, collapses whitespace and caps the length (by code point).
 */
export function normaliseSearchQuery(input: unknown): string {
  if (typeof input !== 'string') return '';
  const cleaned = input
    .replace(/[\u0000-\u001f\u007f-\u009f\uE000-\uF8FF]/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(cleaned).slice(0, SEARCH_MAX_LENGTH).join('').trim();
}

export function splitSnippet(raw: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = raw;
  while (rest.length) {
    const start = rest.indexOf(HL_START);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const stop = rest.indexOf(HL_STOP, start + 1);
    const end = stop === -1 ? rest.length : stop;
    parts.push({ text: rest.slice(start + 1, end), match: true });
    rest = stop === -1 ? '' : rest.slice(stop + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

type SearchRow = {
  id: string;
  locale: string;
  slug: string;
  title: string;
  standfirst: string;
  publishedAt: Date;
  sectionSlug: string;
  sectionName: string;
  sectionTranslations: unknown;
  rank: number;
  snippet: string | null;
};

/**
 * Full-text search over visible articles (title > standfirst > body weights, see the migrations'
 * trigger), each article matched, ranked and excerpted in its own language's configuration
 * (lib/articles/search-config.ts: `english` for English, `simple` for Ukrainian). The query is parsed
 * once per configuration; the two conditions stay constant so the GIN index on "searchVector" serves
 * both. Uses websearch_to_tsquery, which accepts any input without syntax errors; input is normalised
 * and capped first. Never throws: database errors are logged and yield no results.
 */
export async function searchArticles(
  input: unknown,
  { page = 1, pageSize = SEARCH_PAGE_SIZE, now = new Date() }: ListingOpts = {},
): Promise<SearchResult> {
  const query = normaliseSearchQuery(input);
  const pageNo = normalisePage(page);
  const empty: SearchResult = { query, items: [], page: pageNo, pageSize, total: 0, totalPages: 1 };
  if (!query) return empty;
  try {
    const db: PrismaClient = await getDb();
    const visible = visibleArticleSql('a', now);
    const offset = (pageNo - 1) * pageSize;
    // Languages indexed with `english` match the English-parsed query; every other article the `simple` one.
    const english = Prisma.join(ENGLISH_INDEXED.map((l) => Prisma.sql`${l}`));
    const matches = Prisma.sql`((a."locale" IN (${english}) AND a."searchVector" @@ q.english)
      OR (a."locale" NOT IN (${english}) AND a."searchVector" @@ q.simple))`;
    const queries = Prisma.sql`SELECT websearch_to_tsquery('english', ${query}) AS english, websearch_to_tsquery('simple', ${query}) AS simple`;
    const [countRows, rows] = await Promise.all([
      db.$queryRaw<{ total: number }[]>`
        WITH q AS (${queries})
        SELECT count(*)::int AS total
        FROM "Article" a, q
        WHERE ${matches} AND ${visible}`,
      db.$queryRaw<SearchRow[]>`
        WITH q AS (${queries}),
        hits AS (
          SELECT a."id", a."slug", a."locale", a."title", a."standfirst", a."publishedAt", a."body", a."sectionId",
                 ts_rank(a."searchVector", CASE WHEN a."locale" IN (${english}) THEN q.english ELSE q.simple END)::float8 AS rank
          FROM "Article" a, q
          WHERE ${matches} AND ${visible}
          ORDER BY rank DESC, a."publishedAt" DESC, a."id" DESC
          LIMIT ${pageSize} OFFSET ${offset}
        )
        SELECT h."id", h."slug", h."locale", h."title", h."standfirst", h."publishedAt", h.rank,
               s."slug" AS "sectionSlug", s."name" AS "sectionName", s."translations" AS "sectionTranslations",
               ts_headline(article_search_config(h."locale"),
                 regexp_replace(h."body", ${SNIPPET_STRIP_PATTERN}, ' ', 'g'),
                 CASE WHEN h."locale" IN (${english}) THEN q.english ELSE q.simple END,
                 ${`StartSel=${HL_START}, StopSel=${HL_STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`}
               ) AS snippet
        FROM hits h
        JOIN "Section" s ON s."id" = h."sectionId", q
        ORDER BY h.rank DESC, h."publishedAt" DESC, h."id" DESC`,
    ]);
    const total = countRows[0]?.total ?? 0;
    return {
      query,
      page: pageNo,
      pageSize,
      total,
      totalPages: Math.max(1, Math.ceil(total / pageSize)),
      items: rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        locale: toLocale(r.locale),
        title: r.title,
        standfirst: r.standfirst,
        publishedAt: r.publishedAt,
        // Named in the article's language, like its card.
        section: { slug: r.sectionSlug, name: localized(r.sectionTranslations, toLocale(r.locale), 'name', r.sectionName) },
        rank: Number(r.rank),
        snippet: splitSnippet((r.snippet ?? '').replace(/\s+/g, ' ').trim()),
      })),
    };
  } catch (err) {
    console.error('[articles] search failed', err);
    return empty;
  }
}
