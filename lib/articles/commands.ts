/**
 * Article desk commands. Everything is validated first; invalid input saves nothing and comes back
 * as field errors (English in `errors`, catalogue sentences in `sentences` for the editor's language).
 * Callers (server actions) check the role and revalidate `result.revalidate`.
 */
import { isUniqueViolation } from '@/lib/db/errors';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { fieldSentencesFromZod } from '@/lib/i18n/said';
import { sayFields, sayInEnglish, sentence, type Sentence } from '@/lib/i18n/sentence';
import {
  articleFieldsSchema,
  intentSchema,
  parseLocalDateTime,
  type ArticleFormValues,
  type FieldErrors,
  type FieldSentences,
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
      /** What happened, in English; `said` is the sentence for the editor's language. */
      message: string;
      said: Sentence;
    }
  | { ok: false; errors: FieldErrors; sentences: FieldSentences };

const fail = (sentences: FieldSentences): CommandResult => ({
  ok: false,
  errors: sayFields('en', sentences as Record<string, Sentence>),
  sentences,
});
const done = (said: Sentence) => ({ said, message: sayInEnglish(said) });

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
  if (!intentParsed.success) return fail({ form: sentence('desk.articles.errors.chooseIntent') });
  const intent = intentParsed.data;

  const parsed = articleFieldsSchema.safeParse(values);
  const errors: FieldSentences = parsed.success ? {} : fieldSentencesFromZod(parsed.error);

  const db = await getDb();
  const existing = id ? await db.article.findUnique({ where: { id }, select: { id: true, status: true, publishedAt: true } }) : null;
  if (id && !existing) return fail({ form: sentence('desk.articles.errors.gone') });

  let status: ArticleStatus = existing?.status ?? 'DRAFT';
  let publishedAt: Date | null = existing?.publishedAt ?? null;
  if (intent === 'schedule') {
    const at = parseLocalDateTime(values.publishAt, values.tzOffset);
    if (!values.publishAt.trim()) errors.publishAt = sentence('desk.articles.errors.publishAtRequired');
    else if (!at) errors.publishAt = sentence('desk.articles.errors.publishAtInvalid');
    else if (at.getTime() <= now.getTime()) errors.publishAt = sentence('desk.articles.errors.publishAtPast');
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
    errors.body =
      status === 'PUBLISHED'
        ? sentence('desk.articles.errors.bodyBeforePublishing')
        : sentence('desk.articles.errors.bodyBeforeScheduling');
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
    if (!section) errors.sectionId = sentence('desk.articles.errors.sectionFromList');
    if (authors.length !== new Set(f.authorIds).size) errors.authorIds = sentence('desk.articles.errors.authorGone');
    if (slugOwner && slugOwner.id !== id) errors.slug = sentence('desk.articles.errors.slugUsed', { title: slugOwner.title });
    if (f.translationOf) {
      // A translation of a translation points at the same original: one story, one family.
      const root = original?.translationOf ?? original;
      if (!original || !root) errors.translationOf = sentence('desk.articles.errors.noOriginal');
      else if (original.id === id || root.id === id || f.translationOf === f.slug)
        errors.translationOf = sentence('desk.articles.errors.translationOfItself');
      else if (original.locale === f.locale || root.locale === f.locale)
        errors.translationOf = sentence('desk.articles.errors.sameLanguage');
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
    const said =
      intent === 'publish'
        ? sentence('desk.articles.done.published')
        : intent === 'schedule'
          ? sentence('desk.articles.done.scheduled', { at: saved.publishedAt!.toISOString() })
          : saved.status === 'DRAFT'
            ? sentence('desk.articles.done.draftSaved')
            : sentence('desk.articles.done.saved');
    return {
      ok: true,
      article: { id: saved.id, slug: saved.slug, status: saved.status, publishedAt: saved.publishedAt },
      revalidate: [before, after].filter((t): t is RevalidateTarget => t !== null),
      ...done(said),
    };
  } catch (err) {
    if (isUniqueViolation(err)) return fail({ slug: sentence('desk.articles.errors.slugJustTaken') });
    throw err;
  }
}

/** Takes an article offline (back to draft). publishedAt is kept so republishing keeps the original date. */
export async function unpublishArticle(id: unknown): Promise<CommandResult> {
  if (typeof id !== 'string' || !id) return fail({ form: sentence('desk.articles.errors.missing') });
  const db = await getDb();
  const existing = await db.article.findUnique({ where: { id }, select: { id: true, status: true } });
  if (!existing) return fail({ form: sentence('desk.articles.errors.gone') });
  if (existing.status === 'DRAFT') return fail({ form: sentence('desk.articles.errors.alreadyDraft') });
  const before = await targetOf(db, id);
  const saved = await db.article.update({ where: { id }, data: { status: 'DRAFT' } });
  return {
    ok: true,
    article: { id: saved.id, slug: saved.slug, status: saved.status, publishedAt: saved.publishedAt },
    revalidate: before ? [before] : [],
    ...done(sentence('desk.articles.done.unpublished')),
  };
}

/** Publishes an existing article as it is (used by the "Publish now" button outside the edit form). */
export async function publishArticle(id: unknown, now = new Date()): Promise<CommandResult> {
  if (typeof id !== 'string' || !id) return fail({ form: sentence('desk.articles.errors.missing') });
  const db = await getDb();
  const a = await db.article.findUnique({ where: { id }, select: { id: true, body: true, status: true, publishedAt: true } });
  if (!a) return fail({ form: sentence('desk.articles.errors.gone') });
  if (!a.body.trim()) return fail({ body: sentence('desk.articles.errors.bodyBeforePublishing') });
  if (a.status === 'PUBLISHED') return fail({ form: sentence('desk.articles.errors.alreadyPublished') });
  const publishedAt = a.publishedAt && a.publishedAt.getTime() <= now.getTime() ? a.publishedAt : now;
  const saved = await db.article.update({ where: { id }, data: { status: 'PUBLISHED', publishedAt } });
  const after = await targetOf(db, id);
  return {
    ok: true,
    article: { id: saved.id, slug: saved.slug, status: saved.status, publishedAt: saved.publishedAt },
    revalidate: after ? [after] : [],
    ...done(sentence('desk.articles.done.published')),
  };
}
