/**
 * The demo newsroom (prisma/demo): loaded into an empty database by `npm start`, removed by
 * `npm run demo:remove`. Every row it writes carries isDemo = true, so removal never touches real work.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { translationsSchema, type Translations } from '@/lib/i18n/content';
import { isLocale, type Locale } from '@/lib/i18n/locales';

export const DEMO_DIR = path.resolve(process.cwd(), 'prisma', 'demo');

/** `translations`: the name and description in other languages ({ uk: { name, description } }). */
type DemoSection = { slug: string; name: string; description: string; translations?: Translations };
type DemoAuthor = { slug: string; name: string; bio: string; avatar: string };
export type DemoArticle = {
  slug: string;
  title: string;
  standfirst: string;
  section: string;
  authors: string[];
  tags: string[];
  hero: string;
  heroAlt: string;
  publishedDaysAgo: number;
  status: 'DRAFT' | 'SCHEDULED' | 'PUBLISHED';
  body: string;
  /** The article's language (front matter `locale`, default English) and the slug of the original it translates. */
  locale: Locale;
  translationOf: string | null;
};

/** Front matter is `key: value` lines between `---` fences; values split on the first ": ". */
export function parseDemoArticle(slug: string, source: string): DemoArticle {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`${slug}: missing front matter`);
  const fields = new Map<string, string>();
  for (const line of match[1]!.split(/\r?\n/)) {
    const at = line.indexOf(': ');
    if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 2).trim());
  }
  const need = (key: string): string => {
    const value = fields.get(key);
    if (!value) throw new Error(`${slug}: front matter lacks "${key}"`);
    return value;
  };
  const list = (key: string) =>
    need(key)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const status = (fields.get('status') ?? 'published').toUpperCase();
  if (status !== 'DRAFT' && status !== 'SCHEDULED' && status !== 'PUBLISHED') throw new Error(`${slug}: unknown status ${status}`);
  const locale = fields.get('locale') ?? 'en';
  if (!isLocale(locale)) throw new Error(`${slug}: unknown locale ${locale}`);
  const daysAgo = Number(need('publishedDaysAgo'));
  if (!Number.isInteger(daysAgo)) throw new Error(`${slug}: publishedDaysAgo must be a whole number`);
  return {
    slug,
    title: need('title'),
    standfirst: need('standfirst'),
    section: need('section'),
    authors: list('authors'),
    tags: list('tags'),
    hero: need('hero'),
    heroAlt: need('heroAlt'),
    publishedDaysAgo: daysAgo,
    status,
    body: match[2]!.trim() + '\n',
    locale,
    translationOf: fields.get('translationOf') || null,
  };
}

export async function loadDemoContent(dir = DEMO_DIR) {
  const sections = JSON.parse(await fs.readFile(path.join(dir, 'sections.json'), 'utf8')) as DemoSection[];
  const authors = JSON.parse(await fs.readFile(path.join(dir, 'authors.json'), 'utf8')) as DemoAuthor[];
  const files = (await fs.readdir(path.join(dir, 'articles'))).filter((f) => f.endsWith('.md')).sort();
  const articles = await Promise.all(
    files.map(async (f) => parseDemoArticle(f.replace(/\.md$/, ''), await fs.readFile(path.join(dir, 'articles', f), 'utf8'))),
  );
  return { sections, authors, articles };
}

const tagName = (slug: string) => slug.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

/** Seeds the demo newsroom when the database has no articles yet. Returns the number of articles written. */
export async function seedDemoIfEmpty(prisma: PrismaClient, now = new Date()): Promise<number> {
  if ((await prisma.article.count()) > 0) return 0;
  return seedDemo(prisma, now);
}

export async function seedDemo(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { sections, authors, articles } = await loadDemoContent();
  const sectionIds = new Map<string, string>();
  for (const [position, s] of sections.entries()) {
    const row = await prisma.section.upsert({
      where: { slug: s.slug },
      create: {
        slug: s.slug,
        name: s.name,
        description: s.description,
        ...(s.translations ? { translations: translationsSchema.parse(s.translations) } : {}),
        position,
        isDemo: true,
      },
      update: {},
    });
    sectionIds.set(s.slug, row.id);
  }
  const authorIds = new Map<string, string>();
  for (const a of authors) {
    const row = await prisma.author.upsert({
      where: { slug: a.slug },
      create: { slug: a.slug, name: a.name, bio: a.bio, avatarUrl: a.avatar, isDemo: true },
      update: {},
    });
    authorIds.set(a.slug, row.id);
  }
  const tagIds = new Map<string, string>();
  for (const slug of new Set(articles.flatMap((a) => a.tags))) {
    const row = await prisma.tag.upsert({ where: { slug }, create: { slug, name: tagName(slug), isDemo: true }, update: {} });
    tagIds.set(slug, row.id);
  }
  let written = 0;
  // Originals first, so a translation can point at its original.
  const ordered = [...articles.filter((a) => !a.translationOf), ...articles.filter((a) => a.translationOf)];
  for (const a of ordered) {
    if (await prisma.article.findUnique({ where: { slug: a.slug }, select: { id: true } })) continue;
    const sectionId = sectionIds.get(a.section);
    if (!sectionId) throw new Error(`${a.slug}: unknown section ${a.section}`);
    // Spread stories through the day so "latest" has a stable order.
    const publishedAt = new Date(now.getTime() - a.publishedDaysAgo * 86_400_000 - (written % 7) * 3_600_000);
    const original = a.translationOf ? await prisma.article.findUnique({ where: { slug: a.translationOf }, select: { id: true } }) : null;
    if (a.translationOf && !original) throw new Error(`${a.slug}: unknown original ${a.translationOf}`);
    await prisma.article.create({
      data: {
        slug: a.slug,
        title: a.title,
        standfirst: a.standfirst,
        body: a.body,
        status: a.status,
        publishedAt: a.status === 'DRAFT' ? null : publishedAt,
        heroImageUrl: a.hero,
        heroImageAlt: a.heroAlt,
        sectionId,
        isDemo: true,
        locale: a.locale,
        ...(original ? { translationOfId: original.id } : {}),
        authors: {
          create: a.authors.map((slug, position) => {
            const authorId = authorIds.get(slug);
            if (!authorId) throw new Error(`${a.slug}: unknown author ${slug}`);
            return { authorId, position };
          }),
        },
        tags: { create: a.tags.map((slug) => ({ tagId: tagIds.get(slug)! })) },
      },
    });
    written++;
  }
  return written;
}

/** Removes everything the demo seeded; sections, authors and tags that real articles use are kept. */
export async function removeDemo(prisma: PrismaClient): Promise<{ articles: number; sections: number; authors: number; tags: number }> {
  const articles = await prisma.article.deleteMany({ where: { isDemo: true } });
  const sections = await prisma.section.deleteMany({ where: { isDemo: true, articles: { none: {} } } });
  const authors = await prisma.author.deleteMany({ where: { isDemo: true, articles: { none: {} } } });
  const tags = await prisma.tag.deleteMany({ where: { isDemo: true, articles: { none: {} } } });
  return { articles: articles.count, sections: sections.count, authors: authors.count, tags: tags.count };
}
