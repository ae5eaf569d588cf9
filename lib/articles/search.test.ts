/**
 * Search in each article's own language: the demo's heron article in English and in Ukrainian, indexed
 * by the migrations' trigger with `english` and `simple` (lib/articles/search-config.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { DEMO_DIR, parseDemoArticle } from './demo-content';
import { searchArticles } from './search';
import { searchConfigOf, SEARCH_CONFIGS } from './search-config';

let db: TestDb;
const demo = (slug: string) => parseDemoArticle(slug, fs.readFileSync(path.join(DEMO_DIR, 'articles', `${slug}.md`), 'utf8'));

beforeAll(async () => {
  db = await createTestDb();
  const p = db.prisma;
  const section = await p.section.create({ data: { slug: 'environment', name: 'Environment' } });
  const publishedAt = new Date(Date.now() - 86_400_000);
  const en = demo('herons-return-to-gull-island');
  const uk = demo('herons-return-to-gull-island-uk');
  expect(uk.locale).toBe('uk');
  const original = await p.article.create({
    data: {
      slug: en.slug,
      title: en.title,
      standfirst: en.standfirst,
      body: en.body,
      status: 'PUBLISHED',
      publishedAt,
      sectionId: section.id,
    },
  });
  await p.article.create({
    data: {
      slug: uk.slug,
      title: uk.title,
      standfirst: uk.standfirst,
      body: uk.body,
      locale: 'uk',
      translationOfId: original.id,
      status: 'PUBLISHED',
      publishedAt,
      sectionId: section.id,
    },
  });
  // A Ukrainian article that quotes English words: they are not stemmed either.
  await p.article.create({
    data: {
      slug: 'uk-quotes-english',
      title: 'Табличка на мосту',
      standfirst: 'Напис англійською.',
      body: 'На табличці написано «Nesting birds, please keep quiet».',
      locale: 'uk',
      status: 'PUBLISHED',
      publishedAt,
      sectionId: section.id,
    },
  });
});
afterAll(async () => {
  await db?.close();
});

const slugs = async (q: string) => (await searchArticles(q)).items.map((i) => i.slug);

describe('search in the article’s language', () => {
  it('a Ukrainian query finds the Ukrainian heron article, with its words highlighted', async () => {
    expect(await slugs('чаплі')).toEqual(['herons-return-to-gull-island-uk']);
    expect(await slugs('Чайчин острів')).toEqual(['herons-return-to-gull-island-uk']);
    expect(await slugs('"волонтери нарахували"')).toEqual(['herons-return-to-gull-island-uk']);
    const hit = (await searchArticles('гнізд')).items[0]!;
    expect(hit.locale).toBe('uk');
    expect(hit.snippet.some((p) => p.match && p.text.toLowerCase() === 'гнізд')).toBe(true);
    // No stemming in Ukrainian (PostgreSQL has no Ukrainian stemmer): other word forms are other words.
    expect(await slugs('чапля')).toEqual([]);
  });

  it('English search still stems (herons → heron, nested → nest) and finds only the English article', async () => {
    expect(await slugs('heron')).toEqual(['herons-return-to-gull-island']);
    expect(await slugs('counting nests')).toEqual(['herons-return-to-gull-island']);
    const hit = (await searchArticles('island')).items.find((i) => i.slug === 'herons-return-to-gull-island')!;
    expect(hit.locale).toBe('en');
    expect(hit.snippet.some((p) => p.match)).toBe(true);
  });

  it('indexes each article with its language’s configuration, again when its language changes', async () => {
    const vector = async (slug: string) =>
      (await db.prisma.$queryRaw<{ v: string }[]>`SELECT "searchVector"::text AS v FROM "Article" WHERE slug = ${slug}`)[0]!.v;
    // `simple` keeps English words in a Ukrainian article as they are (no stemming, no stop words dropped).
    expect(await vector('uk-quotes-english')).toContain("'nesting'");
    expect(await vector('uk-quotes-english')).toContain("'please'");
    expect((await slugs('nesting')).sort()).toEqual(['herons-return-to-gull-island', 'uk-quotes-english']);
    expect(await slugs('nest')).toEqual(['herons-return-to-gull-island']);
    // Declared English: re-indexed with `english` (stemmed), and an English query stems to it.
    await db.prisma.article.update({ where: { slug: 'uk-quotes-english' }, data: { locale: 'en' } });
    expect(await vector('uk-quotes-english')).toContain("'nest'");
    expect(await vector('uk-quotes-english')).not.toContain("'please'");
    expect((await slugs('nest')).sort()).toEqual(['herons-return-to-gull-island', 'uk-quotes-english']);
    await db.prisma.article.update({ where: { slug: 'uk-quotes-english' }, data: { locale: 'uk' } });
    expect(await vector('uk-quotes-english')).toContain("'nesting'");
  });

  it('the SQL function and the TypeScript map name the same configuration for every language', async () => {
    for (const locale of [...Object.keys(SEARCH_CONFIGS), 'xx']) {
      const [row] = await db.prisma.$queryRaw<{ c: string }[]>`SELECT article_search_config(${locale})::text AS c`;
      expect(row!.c, locale).toBe(searchConfigOf(locale));
    }
  });
});
