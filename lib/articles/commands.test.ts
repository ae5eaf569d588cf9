import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { say } from '@/lib/i18n/sentence';
import { publishArticle, saveArticle, unpublishArticle } from './commands';
import { parseLocalDateTime, type ArticleFormValues } from './validation';
import { slugify } from './slugify';

let db: TestDb;
let sectionId: string;
let authorId: string;
beforeAll(async () => {
  db = await createTestDb();
  sectionId = (await db.prisma.section.create({ data: { slug: 'news', name: 'News' } })).id;
  authorId = (await db.prisma.author.create({ data: { slug: 'ada', name: 'Ada Reporter' } })).id;
});
afterAll(async () => {
  await db?.close();
});

const values = (over: Partial<ArticleFormValues> = {}): ArticleFormValues => ({
  title: 'Council passes budget',
  slug: 'council-passes-budget',
  standfirst: 'After a long night.',
  body: 'The council **voted**.',
  sectionId,
  authorIds: [authorId],
  tags: 'Budget, City Hall, budget',
  heroImageUrl: '',
  heroImageAlt: '',
  publishAt: '',
  tzOffset: '0',
  ...over,
});

describe('saveArticle', () => {
  it('creates a draft with authors and (deduplicated, new) tags', async () => {
    const r = await saveArticle({ values: values(), intent: 'save' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.article.status).toBe('DRAFT');
    const a = await db.prisma.article.findUniqueOrThrow({
      where: { id: r.article.id },
      include: { tags: { include: { tag: true } }, authors: true },
    });
    expect(a.tags.map((t) => t.tag.slug).sort()).toEqual(['budget', 'city-hall']);
    expect(a.authors.map((x) => x.authorId)).toEqual([authorId]);
    expect(r.revalidate.at(-1)).toMatchObject({ slug: 'council-passes-budget', sectionSlug: 'news', authorSlugs: ['ada'] });
  });

  it('refuses a duplicate slug and saves nothing', async () => {
    const before = await db.prisma.article.count();
    const tagsBefore = await db.prisma.tag.count();
    const r = await saveArticle({ values: values({ title: 'Another story', tags: 'Brand new tag' }), intent: 'save' });
    expect(r).toEqual({
      ok: false,
      errors: { slug: 'That slug is already used by “Council passes budget”' },
      sentences: { slug: { key: 'desk.articles.errors.slugUsed', values: { title: 'Council passes budget' } } },
    });
    // The desk says it in the editor's language.
    expect(!r.ok && say('uk', r.sentences.slug!)).toBe('Цю адресу вже має стаття «Council passes budget»');
    expect(await db.prisma.article.count()).toBe(before);
    expect(await db.prisma.tag.count()).toBe(tagsBefore);
  });

  it('reports field errors in plain words', async () => {
    const r = await saveArticle({
      values: values({ title: 'ab', slug: 'Bad Slug', sectionId: 'nope', heroImageUrl: 'https://img.example/x.jpg' }),
      intent: 'save',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.title).toMatch(/at least 3/);
    expect(r.errors.slug).toMatch(/lowercase/);
    expect(r.errors.heroImageAlt).toMatch(/alt text/);
    const missingSection = await saveArticle({ values: values({ slug: 'x-1', sectionId: 'nope' }), intent: 'save' });
    expect(!missingSection.ok && missingSection.errors.sectionId).toMatch(/section/);
  });

  it('refuses to publish without a body, and to schedule in the past', async () => {
    const before = await db.prisma.article.count();
    const noBody = await saveArticle({ values: values({ slug: 'empty-one', body: '  ' }), intent: 'publish' });
    expect(!noBody.ok && noBody.errors.body).toBe('Write the article body before publishing');
    const now = new Date('2030-01-01T12:00:00Z');
    const past = await saveArticle({
      values: values({ slug: 'past-one', publishAt: '2030-01-01T11:59', tzOffset: '0' }),
      intent: 'schedule',
      now,
    });
    expect(!past.ok && past.errors.publishAt).toBe('Choose a date and time in the future');
    const garbage = await saveArticle({ values: values({ slug: 'past-two', publishAt: 'tomorrow' }), intent: 'schedule', now });
    expect(!garbage.ok && garbage.errors.publishAt).toMatch(/not valid/);
    expect(await db.prisma.article.count()).toBe(before);
  });

  it('schedules, publishes (setting publishedAt once), updates and unpublishes', async () => {
    const now = new Date();
    const created = await saveArticle({ values: values({ slug: 'life-cycle', title: 'Life cycle' }), intent: 'save' });
    if (!created.ok) throw new Error('setup');
    const id = created.article.id;
    const later = new Date(now.getTime() + 86_400_000);
    const local = later.toISOString().slice(0, 16);
    const sched = await saveArticle({
      id,
      values: values({ slug: 'life-cycle', title: 'Life cycle', publishAt: local, tzOffset: '0' }),
      intent: 'schedule',
      now,
    });
    expect(sched.ok && sched.article.status).toBe('SCHEDULED');
    expect(sched.ok && sched.article.publishedAt?.toISOString().slice(0, 16)).toBe(local);

    const pub = await saveArticle({ id, values: values({ slug: 'life-cycle', title: 'Life cycle' }), intent: 'publish', now });
    expect(pub.ok && pub.article.status).toBe('PUBLISHED');
    expect(pub.ok && pub.article.publishedAt?.getTime()).toBe(now.getTime());

    const row1 = await db.prisma.article.findUniqueOrThrow({ where: { id } });
    await new Promise((r) => setTimeout(r, 10));
    const upd = await saveArticle({ id, values: values({ slug: 'life-cycle-renamed', title: 'Life cycle, updated' }), intent: 'save' });
    expect(upd.ok && upd.article.status).toBe('PUBLISHED');
    const row2 = await db.prisma.article.findUniqueOrThrow({ where: { id } });
    expect(row2.publishedAt?.getTime()).toBe(row1.publishedAt?.getTime());
    expect(row2.updatedAt.getTime()).toBeGreaterThan(row1.updatedAt.getTime());
    // Both the old and the new address are revalidated.
    expect(upd.ok && upd.revalidate.map((t) => t.slug)).toEqual(['life-cycle', 'life-cycle-renamed']);

    const emptied = await saveArticle({
      id,
      values: values({ slug: 'life-cycle-renamed', title: 'Life cycle, updated', body: '' }),
      intent: 'save',
    });
    expect(!emptied.ok && emptied.errors.body).toMatch(/before publishing/);

    const un = await unpublishArticle(id);
    expect(un.ok && un.article.status).toBe('DRAFT');
    expect((await unpublishArticle(id)).ok).toBe(false);
    const re = await publishArticle(id, new Date(now.getTime() + 1000));
    expect(re.ok && re.article.publishedAt?.getTime()).toBe(now.getTime());
  });

  it('rejects unknown intents and missing articles', async () => {
    expect(await saveArticle({ values: values(), intent: 'delete' })).toMatchObject({ ok: false, errors: { form: expect.any(String) } });
    expect(await saveArticle({ id: 'missing', values: values(), intent: 'save' })).toMatchObject({
      ok: false,
      errors: { form: expect.stringMatching(/no longer exists/) },
    });
  });
});

describe('helpers', () => {
  it('slugifies titles', () => {
    expect(slugify('Rents rose 12% — faster than wages')).toBe('rents-rose-12-faster-than-wages');
    expect(slugify('Café & Bar’s opening')).toBe('cafe-and-bars-opening');
    expect(slugify('a'.repeat(60) + ' ' + 'b'.repeat(70)).length).toBeLessThanOrEqual(120);
  });
  it('parses datetime-local in the editor’s time zone', () => {
    expect(parseLocalDateTime('2030-06-01T09:30', '-120')?.toISOString()).toBe('2030-06-01T07:30:00.000Z');
    expect(parseLocalDateTime('2030-02-31T09:30', '0')).toBeNull();
    expect(parseLocalDateTime('nope', '0')).toBeNull();
  });
});
