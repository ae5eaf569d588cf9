/**
 * Article desk commands. Everything is validated first; invalid input saves nothing and comes back
 * as field errors. Callers (server actions) check the role and revalidate `result.revalidate`.
 */
import { isUniqueViolation } from '@/lib/db/errors';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import {
  articleFieldsSchema,
  fieldErrorsFromZod,
  intentSchema,
  parseLocalDateTime,
  type ArticleFormValues,
  type FieldErrors,
} from './validation';

export type ArticleStatus = 'DRAFT' | 'SCHEDULED' | 'PUBLISHED';

/** What to pass to revalidateArticlePaths: the article's addresses before and after the change. */
export type RevalidateTarget = {
  slug: string;
  sectionSlug?: string;
  tagSlugs: string[];
  authorSlugs: string[];
  /** The same story in other languages: their pages link to this one (hreflang, the language switcher). */
  counterpartSlugs?: string[];
};

export type CommandResult =
  | {
      ok: true;
      article: { id: string; slug: string; status: ArticleStatus; publishedAt: Date | null };
      revalidate: RevalidateTarget[];
      message: string;
    }
  | { ok: false; errors: FieldErrors };

const fail = (errors: FieldErrors): CommandResult => ({ ok: false, errors });

type Db = Awaited<ReturnType<typeof getDb>>;

async function targetOf(db: Db | Prisma.TransactionClient, id: string): Promise<RevalidateTarget | null> {
  const a = await db.article.findUnique({
    where: { id },
    select: {
      slug: true,
      section: { select: { slug: true } },
      tags: { select: { tag: { select: { slug: true } } } },
      authors: { select: { author: { select: { slug: true } } } },
      translations: { select: { slug: true } },
      translationOf: { select: { slug: true, translations: { select: { slug: true } } } },
    },
  });
  if (!a) return null;
  const family = a.translationOf
    ? [a.translationOf.slug, ...a.translationOf.translations.map((t) => t.slug)]
    : a.translations.map((t) => t.slug);
  return {
    slug: a.slug,
    sectionSlug: a.section.slug,
    tagSlugs: a.tags.map((t) => t.tag.slug),
    authorSlugs: a.authors.map((x) => x.author.slug),
    counterpartSlugs: family.filter((s) => s !== a.slug),
  };
}

/**
 * Creates (no `id`) or updates an article from the desk form.
 * intent "save" keeps the current status (new articles are drafts); "schedule" needs a future
 * `publishAt`; "publish" goes live now (keeping an earlier publishedAt). Live or scheduled
 * articles need a body.
 */
export async function saveArticle({
  id,
  values,
  intent: rawIntent,
  now = new Date(),
}: {
  id?: string;
  values: ArticleFormValues;
  intent: unknown;
  now?: Date;
}): Promise<CommandResult> {
  const intentParsed = intentSchema.safeParse(rawIntent);
  if (!intentParsed.success) return fail({ form: 'Choose Save, Schedule or Publish.' });
  const intent = intentParsed.data;

  const parsed = articleFieldsSchema.safeParse(values);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);

  const db = await getDb();
  const existing = id ? await db.article.findUnique({ where: { id }, select: { id: true, status: true, publishedAt: true } }) : null;
  if (id && !existing) return fail({ form: 'That article no longer exists.' });

  let status: ArticleStatus = existing?.status ?? 'DRAFT';
  let publishedAt: Date | null = existing?.publishedAt ?? null;
  if (intent === 'schedule') {
    const at = parseLocalDateTime(values.publishAt, values.tzOffset);
    if (!values.publishAt.trim()) errors.publishAt = 'Choose the date and time to publish';
    else if (!at) errors.publishAt = 'That date and time is not valid';
    else if (at.getTime() <= now.getTime()) errors.publishAt = 'Choose a date and time in the future';
    else {
      status = 'SCHEDULED';
      publishedAt = at;
    }
  } else if (intent === 'publish') {
    status = 'PUBLISHED';
    if (!publishedAt || publishedAt.getTime() > now.getTime() || existing?.status !== 'PUBLISHED') {
      // Keep the original date of an article that went live before (unpublished, then republished).
      publishedAt = publishedAt && publishedAt.getTime() <= now.getTime() ? publishedAt : now;
    }
  }
  if (status !== 'DRAFT' && !values.body.trim()) {
    errors.body = status === 'PUBLISHED' ? 'Write the article body before publishing' : 'Write the article body before scheduling';
  }

  // Cross-checks against the database (only meaningful when the fields themselves are valid).
  let originalId: string | null = null;
  if (parsed.success) {
    const f = parsed.data;
    const [section, authors, slugOwner, original] = await Promise.all([
      db.section.findUnique({ where: { id: f.sectionId }, select: { id: true } }),
      f.authorIds.length ? db.author.findMany({ where: { id: { in: f.authorIds } }, select: { id: true } }) : Promise.resolve([]),
      db.article.findUnique({ where: { slug: f.slug }, select: { id: true, title: true } }),
      f.translationOf
        ? db.article.findUnique({
            where: { slug: f.translationOf },
            select: { id: true, locale: true, translationOf: { select: { id: true, locale: true } } },
          })
        : null,
    ]);
    if (!section) errors.sectionId = 'Choose a section from the list';
    if (authors.length !== new Set(f.authorIds).size) errors.authorIds = 'One of the chosen authors no longer exists; choose again';
    if (slugOwner && slugOwner.id !== id) errors.slug = `That slug is already used by “${slugOwner.title}”`;
    if (f.translationOf) {
      // A translation of a translation points at the same original: one story, one family.
      const root = original?.translationOf ?? original;
      if (!original || !root) errors.translationOf = 'No article has that slug; give the slug of the original article';
      else if (original.id === id || root.id === id || f.translationOf === f.slug)
        errors.translationOf = 'An article cannot be a translation of itself';
      else if (original.locale === f.locale || root.locale === f.locale)
        errors.translationOf = 'The original is in the same language; choose this article’s language above';
      else originalId = root.id;
    }
  }
  if (!parsed.success || Object.keys(errors).length) return fail(errors);
  const f = parsed.data;

  const before = id ? await targetOf(db, id) : null;
  try {
    const saved = await db.$transaction(async (tx) => {
      const tagIds: string[] = [];
      for (const tag of f.tags) {
        const t = await tx.tag.upsert({
          where: { slug: tag.slug },
          update: {},
          create: { slug: tag.slug, name: tag.name },
          select: { id: true },
        });
        tagIds.push(t.id);
      }
      const data = {
        title: f.title,
        slug: f.slug,
        standfirst: f.standfirst,
        body: values.body,
        status,
        publishedAt,
        heroImageUrl: f.heroImageUrl || null,
        heroImageAlt: f.heroImageUrl ? f.heroImageAlt : null,
        locale: f.locale,
        section: { connect: { id: f.sectionId } },
      };
      const link = originalId && originalId !== existing?.id ? { connect: { id: originalId } } : null;
      const uniqueAuthorIds = [...new Set(f.authorIds)];
      const article = existing
        ? await tx.article.update({
            where: { id: existing.id },
            data: { ...data, updatedAt: now, translationOf: link ?? { disconnect: true } },
          })
        : await tx.article.create({ data: { ...data, ...(link ? { translationOf: link } : {}) } });
      await tx.articleAuthor.deleteMany({ where: { articleId: article.id } });
      if (uniqueAuthorIds.length) {
        await tx.articleAuthor.createMany({
          data: uniqueAuthorIds.map((authorId, position) => ({ articleId: article.id, authorId, position })),
        });
      }
      await tx.articleTag.deleteMany({ where: { articleId: article.id } });
      if (tagIds.length) await tx.articleTag.createMany({ data: tagIds.map((tagId) => ({ articleId: article.id, tagId })) });
      return article;
    });
    const after = await targetOf(db, saved.id);
    const message =
      intent === 'publish'
        ? 'Published.'
        : intent === 'schedule'
          ? `Scheduled for ${saved.publishedAt!.toISOString()}.`
          : saved.status === 'DRAFT'
            ? 'Draft saved.'
            : 'Changes saved.';
    return {
      ok: true,
      article: { id: saved.id, slug: saved.slug, status: saved.status, publishedAt: saved.publishedAt },
      revalidate: [before, after].filter((t): t is RevalidateTarget => t !== null),
      message,
    };
  } catch (err) {
    if (isUniqueViolation(err)) return fail({ slug: 'That slug was just taken by another article; choose another' });
    throw err;
  }
}

/** Takes an article offline (back to draft). publishedAt is kept so republishing keeps the original date. */
export async function unpublishArticle(id: unknown): Promise<CommandResult> {
  if (typeof id !== 'string' || !id) return fail({ form: 'Missing article.' });
  const db = await getDb();
  const existing = await db.article.findUnique({ where: { id }, select: { id: true, status: true } });
  if (!existing) return fail({ form: 'That article no longer exists.' });
  if (existing.status === 'DRAFT') return fail({ form: 'That article is already a draft.' });
  const before = await targetOf(db, id);
  const saved = await db.article.update({ where: { id }, data: { status: 'DRAFT' } });
  return {
    ok: true,
    article: { id: saved.id, slug: saved.slug, status: saved.status, publishedAt: saved.publishedAt },
    revalidate: before ? [before] : [],
    message: 'Unpublished: the article is a draft again.',
  };
}

/** Publishes an existing article as it is (used by the "Publish now" button outside the edit form). */
export async function publishArticle(id: unknown, now = new Date()): Promise<CommandResult> {
  if (typeof id !== 'string' || !id) return fail({ form: 'Missing article.' });
  const db = await getDb();
  const a = await db.article.findUnique({ where: { id }, select: { id: true, body: true, status: true, publishedAt: true } });
  if (!a) return fail({ form: 'That article no longer exists.' });
  if (!a.body.trim()) return fail({ body: 'Write the article body before publishing' });
  if (a.status === 'PUBLISHED') return fail({ form: 'That article is already published.' });
  const publishedAt = a.publishedAt && a.publishedAt.getTime() <= now.getTime() ? a.publishedAt : now;
  const saved = await db.article.update({ where: { id }, data: { status: 'PUBLISHED', publishedAt } });
  const after = await targetOf(db, id);
  return {
    ok: true,
    article: { id: saved.id, slug: saved.slug, status: saved.status, publishedAt: saved.publishedAt },
    revalidate: after ? [after] : [],
    message: 'Published.',
  };
}
