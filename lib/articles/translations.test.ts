/** Articles in two languages (issue #16): per-language listings and feed, counterparts, the desk's "translation of". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { saveArticle } from './commands';
import { articlePathsToRevalidate } from './revalidate';
import { getArticleBySlug, getHomeData, getSectionListing, getSitemapData, getTagListing, listFeedArticles } from './queries';
import type { ArticleFormValues } from './validation';

const HOUR = 3_600_000;
const now = new Date();
const ago = (h: number) => new Date(now.getTime() - h * HOUR);

let db: TestDb;
let news: string;
let authorId: string;

beforeAll(async () => {
  db = await createTestDb();
  const p = db.prisma;
  news = (await p.section.create({ data: { slug: 'news', name: 'News' } })).id;
  authorId = (await p.author.create({ data: { slug: 'ada', name: 'Ada' } })).id;
  const tag = await p.tag.create({ data: { slug: 'bridges', name: 'Bridges' } });
  const mk = (slug: string, locale: string, hoursAgo: number, extra: Record<string, unknown> = {}) =>
    p.article.create({
      data: { slug, title: slug, body: 'Body.', status: 'PUBLISHED', publishedAt: ago(hoursAgo), sectionId: news, locale, ...extra },
    });
  const original = await mk('bridge-closes', 'en', 5, { tags: { create: [{ tagId: tag.id }] } });
  await mk('mist-zakryvayut', 'uk', 4, { translationOfId: original.id });
  await mk('newest-english', 'en', 1);
  // A translation not yet published is nobody's counterpart.
  await p.article.create({
    data: {
      slug: 'bridge-closes-draft',
      title: 'draft',
      body: 'x',
      status: 'DRAFT',
      sectionId: news,
      locale: 'uk',
      translationOfId: original.id,
    },
  });
});
afterAll(async () => {
  await db?.close();
});

describe('reading per language', () => {
  it('an article knows its visible counterparts, both ways', async () => {
    const en = await getArticleBySlug('bridge-closes');
    expect(en?.locale).toBe('en');
    expect(en?.counterparts).toEqual([{ slug: 'mist-zakryvayut', locale: 'uk' }]);
    const uk = await getArticleBySlug('mist-zakryvayut');
    expect(uk?.locale).toBe('uk');
    expect(uk?.counterparts).toEqual([{ slug: 'bridge-closes', locale: 'en' }]);
    expect((await getArticleBySlug('newest-english'))?.counterparts).toEqual([]);
  });

  it('home and section listings show the page’s language; with none in it, every language', async () => {
    const ukHome = await getHomeData({ locale: 'uk' });
    expect(ukHome.lead?.slug).toBe('mist-zakryvayut');
    expect(ukHome.sections.flatMap((s) => s.articles)).toEqual([]);
    const enHome = await getHomeData({ locale: 'en' });
    expect(enHome.lead?.slug).toBe('newest-english');
    expect(enHome.sections.flatMap((s) => s.articles.map((a) => a.slug))).toEqual(['bridge-closes']);
    expect((await getSectionListing('news', { locale: 'uk' }))!.articles.items.map((a) => a.slug)).toEqual(['mist-zakryvayut']);
    // Only the English original carries the tag: the Ukrainian tag page falls back to it.
    expect((await getTagListing('bridges', { locale: 'uk' }))!.articles.items.map((a) => a.slug)).toEqual(['bridge-closes']);
    // No language given: everything, as before.
    expect((await getHomeData()).lead?.slug).toBe('newest-english');
  });

  it('each language has its own feed; the sitemap names the counterparts', async () => {
    expect((await listFeedArticles(50, now, 'uk')).map((a) => a.slug)).toEqual(['mist-zakryvayut']);
    expect((await listFeedArticles(50, now, 'en')).map((a) => a.slug)).toEqual(['newest-english', 'bridge-closes']);
    const sitemap = await getSitemapData();
    expect(sitemap.articles.find((a) => a.slug === 'mist-zakryvayut')).toMatchObject({
      locale: 'uk',
      counterparts: [{ slug: 'bridge-closes', locale: 'en' }],
    });
  });
});

const values = (over: Partial<ArticleFormValues> = {}): ArticleFormValues => ({
  title: 'Міст відкривають знову',
  slug: 'mist-vidkryvayut',
  standfirst: '',
  body: 'Текст.',
  sectionId: news,
  authorIds: [authorId],
  tags: '',
  heroImageUrl: '',
  heroImageAlt: '',
  publishAt: '',
  tzOffset: '0',
  locale: 'uk',
  ...over,
});

describe('the desk’s language and “translation of” fields', () => {
  it('refuses an unknown original, itself, and an original in the same language', async () => {
    const unknown = await saveArticle({ values: values({ translationOf: 'no-such-story' }), intent: 'save' });
    expect(unknown).toMatchObject({ ok: false, errors: { translationOf: expect.stringMatching(/No article has that slug/) } });
    const self = await saveArticle({ values: values({ translationOf: 'mist-vidkryvayut' }), intent: 'save' });
    expect(self.ok).toBe(false);
    const same = await saveArticle({ values: values({ translationOf: 'mist-zakryvayut' }), intent: 'save' });
    expect(same).toMatchObject({ ok: false, errors: { translationOf: expect.stringMatching(/same language/) } });
    const badLocale = await saveArticle({ values: values({ locale: 'fr' }), intent: 'save' });
    expect(badLocale).toMatchObject({ ok: false, errors: { locale: expect.any(String) } });
  });

  it('links a translation to the original (a translation of a translation joins the same original) and refreshes both', async () => {
    const r = await saveArticle({ values: values({ locale: 'en', slug: 'bridge-reopens', title: 'Bridge reopens' }), intent: 'publish' });
    expect(r.ok).toBe(true);
    const t = await saveArticle({ values: values({ translationOf: 'bridge-reopens' }), intent: 'publish' });
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    const row = await db.prisma.article.findUniqueOrThrow({ where: { id: t.article.id }, include: { translationOf: true } });
    expect(row.locale).toBe('uk');
    expect(row.translationOf?.slug).toBe('bridge-reopens');
    expect(t.revalidate.at(-1)?.counterpartSlugs).toEqual(['bridge-reopens']);
    expect(articlePathsToRevalidate('mist-vidkryvayut', 'news', [], [], ['bridge-reopens'])).toContain('/articles/bridge-reopens');

    // Saved again with the field empty: an original again.
    const again = await saveArticle({ id: t.article.id, values: values({ translationOf: '' }), intent: 'save' });
    expect(again.ok).toBe(true);
    expect((await db.prisma.article.findUniqueOrThrow({ where: { id: t.article.id } })).translationOfId).toBeNull();

    // Pointing at a translation links to its original.
    const nested = await saveArticle({
      values: values({ locale: 'en', slug: 'bridge-reopens-2', title: 'Bridge reopens again', translationOf: 'mist-zakryvayut' }),
      intent: 'save',
    });
    expect(nested).toMatchObject({ ok: false, errors: { translationOf: expect.stringMatching(/same language/) } });
  });
});
