import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { loadDemoContent, parseDemoArticle, removeDemo, seedDemoIfEmpty } from './demo-content';

describe('demo content files', () => {
  it('parses front matter, splitting on the first ": " only', () => {
    const a = parseDemoArticle(
      'x',
      '---\ntitle: Ferry: the return\nstandfirst: S\nsection: city-hall\nauthors: a, b\ntags: t1,t2\nhero: /h.svg\nheroAlt: alt\npublishedDaysAgo: 3\n---\nBody\n',
    );
    expect(a).toMatchObject({
      title: 'Ferry: the return',
      authors: ['a', 'b'],
      tags: ['t1', 't2'],
      status: 'PUBLISHED',
      publishedDaysAgo: 3,
      body: 'Body\n',
    });
    expect(() => parseDemoArticle('y', '---\ntitle: T\n---\nBody')).toThrow(/front matter lacks "/);
  });

  it('describe a believable newsroom: 30+ published articles in 4+ sections, several authors', async () => {
    const { sections, authors, articles } = await loadDemoContent();
    const published = articles.filter((a) => a.status === 'PUBLISHED');
    expect(published.length).toBeGreaterThanOrEqual(30);
    expect(new Set(published.map((a) => a.section)).size).toBeGreaterThanOrEqual(4);
    expect(authors.length).toBeGreaterThanOrEqual(3);
    const sectionSlugs = new Set(sections.map((s) => s.slug));
    const authorSlugs = new Set(authors.map((a) => a.slug));
    for (const a of articles) {
      expect(sectionSlugs.has(a.section), `${a.slug} section`).toBe(true);
      for (const slug of a.authors) expect(authorSlugs.has(slug), `${a.slug} author ${slug}`).toBe(true);
    }
  });
});

describe('seeding and removing the demo', () => {
  const db = setupTestDb();

  it('seeds an empty database once, and removal keeps real work', async () => {
    const written = await seedDemoIfEmpty(db.prisma);
    expect(written).toBeGreaterThanOrEqual(30);
    expect(await seedDemoIfEmpty(db.prisma)).toBe(0);
    const demoSection = await db.prisma.section.findFirstOrThrow({ where: { isDemo: true } });
    const real = await db.prisma.article.create({
      data: {
        slug: 'real-story',
        title: 'A real story',
        body: 'Text',
        sectionId: demoSection.id,
        status: 'PUBLISHED',
        publishedAt: new Date(),
      },
    });

    const removed = await removeDemo(db.prisma);
    expect(removed.articles).toBe(written);
    expect(await db.prisma.article.findMany({ select: { slug: true } })).toEqual([{ slug: real.slug }]);
    // The section a real article still uses stays; the other demo sections go.
    expect((await db.prisma.section.findMany()).map((s) => s.id)).toEqual([demoSection.id]);
  });
});
