/** zod schemas for the article desk, with messages written for editors (desk catalogue, lib/i18n/said.ts). */
import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';
import { coded, sayMessage } from '@/lib/i18n/said';
import { sentence, type Sentence } from '@/lib/i18n/sentence';
import { slugify } from './slugify';
import { textField } from '@/lib/i18n/text-field';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ARTICLE_INTENTS = ['save', 'schedule', 'publish'] as const;
export type ArticleIntent = (typeof ARTICLE_INTENTS)[number];

export type ArticleFieldName =
  | 'title'
  | 'slug'
  | 'standfirst'
  | 'body'
  | 'sectionId'
  | 'authorIds'
  | 'tags'
  | 'heroImageUrl'
  | 'heroImageAlt'
  | 'publishAt'
  | 'locale'
  | 'translationOf'
  | 'form';
export type FieldErrors = Partial<Record<ArticleFieldName, string>>;
/** The same, as catalogue sentences (said in the editor's language by the desk). */
export type FieldSentences = Partial<Record<ArticleFieldName, Sentence>>;

const tagsSchema = z
  .string()
  .max(1000, coded(sentence('desk.articles.errors.tooManyTagsText')))
  .transform((raw, ctx) => {
    const seen = new Set<string>();
    const tags: { name: string; slug: string }[] = [];
    for (const part of raw.split(',')) {
      const name = part.trim().replace(/\s+/g, ' ');
      if (!name) continue;
      const slug = slugify(name, 60);
      if (!slug || name.length > 50) {
        ctx.addIssue({ code: 'custom', message: coded(sentence('desk.articles.errors.badTag', { name: name.slice(0, 50) })) });
        return z.NEVER;
      }
      if (seen.has(slug)) continue;
      seen.add(slug);
      tags.push({ name, slug });
    }
    if (tags.length > 20) {
      ctx.addIssue({ code: 'custom', message: coded(sentence('desk.articles.errors.tooManyTags')) });
      return z.NEVER;
    }
    return tags;
  });

export const articleFieldsSchema = z
  .object({
    title: textField({ min: [3, sentence('desk.articles.errors.titleShort')], max: [200, sentence('desk.articles.errors.titleLong')] }),
    slug: textField({
      min: [1, sentence('desk.articles.errors.slugRequired')],
      max: [120, sentence('desk.articles.errors.slugLong')],
    }).regex(SLUG_PATTERN, coded(sentence('desk.articles.errors.slugPattern'))),
    standfirst: textField({ max: [600, sentence('desk.articles.errors.standfirstLong')] }),
    body: z.string().max(200_000, coded(sentence('desk.articles.errors.bodyLong'))),
    sectionId: z
      .string()
      .trim()
      .min(1, coded(sentence('desk.articles.errors.sectionRequired'))),
    authorIds: z.array(z.string().min(1).max(100)).max(10, coded(sentence('desk.articles.errors.tooManyAuthors'))),
    tags: tagsSchema,
    heroImageUrl: textField({ max: [2000, sentence('desk.articles.errors.imageUrlLong')] }).refine(
      (u) => u === '' || u.startsWith('/') || /^https?:\/\/[^\s]+$/i.test(u),
      coded(sentence('desk.articles.errors.imageUrl')),
    ),
    heroImageAlt: textField({ max: [300, sentence('desk.articles.errors.altLong')] }),
    locale: z.enum(LOCALES, { error: coded(sentence('desk.articles.errors.locale')) }).default('en'),
    // The slug of the article this one translates ('' for an original).
    translationOf: textField({ max: [120, sentence('desk.articles.errors.slugLong')] })
      .refine((s) => s === '' || SLUG_PATTERN.test(s), coded(sentence('desk.articles.errors.translationOfPattern')))
      .default(''),
  })
  .superRefine((v, ctx) => {
    if (v.heroImageUrl && !v.heroImageAlt) {
      ctx.addIssue({
        code: 'custom',
        path: ['heroImageAlt'],
        message: coded(sentence('desk.articles.errors.altRequired')),
      });
    }
  });

export type ArticleFields = z.output<typeof articleFieldsSchema>;

/** The raw strings a form sends; also what the form shows again after an error. */
export type ArticleFormValues = {
  title: string;
  slug: string;
  standfirst: string;
  body: string;
  sectionId: string;
  authorIds: string[];
  tags: string;
  heroImageUrl: string;
  heroImageAlt: string;
  publishAt: string;
  tzOffset: string;
  /** The article's language (absent: English) and the slug of the original it translates. */
  locale?: string;
  translationOf?: string;
};

const str = (fd: FormData, key: string): string => {
  const v = fd.get(key);
  return typeof v === 'string' ? v : '';
};

export function articleFormValues(fd: FormData): ArticleFormValues {
  return {
    title: str(fd, 'title'),
    slug: str(fd, 'slug'),
    standfirst: str(fd, 'standfirst'),
    body: str(fd, 'body').replace(/\r\n/g, '\n'),
    sectionId: str(fd, 'sectionId'),
    authorIds: fd.getAll('authorIds').filter((v): v is string => typeof v === 'string' && v !== ''),
    tags: str(fd, 'tags'),
    heroImageUrl: str(fd, 'heroImageUrl'),
    heroImageAlt: str(fd, 'heroImageAlt'),
    publishAt: str(fd, 'publishAt'),
    tzOffset: str(fd, 'tzOffset'),
    locale: str(fd, 'locale') || 'en',
    translationOf: str(fd, 'translationOf'),
  };
}

export const intentSchema = z.enum(ARTICLE_INTENTS, { error: coded(sentence('desk.articles.errors.unknownAction')) });

/**
 * A `<input type="datetime-local">` value ("2026-12-01T09:30") in the editor's time zone.
 * `tzOffset` is the browser's `Date#getTimezoneOffset()` (minutes, UTC − local); 0 when absent.
 */
export function parseLocalDateTime(value: string, tzOffset: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const offset = /^-?\d{1,4}$/.test(tzOffset.trim()) ? Number(tzOffset) : 0;
  if (Math.abs(offset) > 14 * 60) return null;
  const utc = Date.UTC(y!, mo! - 1, d!, h!, mi!, Number.isNaN(s) ? 0 : s!);
  const date = new Date(utc + offset * 60_000);
  // Reject impossible dates (Feb 31 etc.), which Date.UTC silently rolls over.
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d!) return null;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The first issue per field, in English (coded sentences said; see `fieldSentencesFromZod` for the sentences). */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = (issue.path[0] ?? 'form') as ArticleFieldName;
    out[key] ??= sayMessage('en', issue.message);
  }
  return out;
}

export const deskListQuerySchema = z.object({
  status: z.enum(['DRAFT', 'SCHEDULED', 'PUBLISHED']).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
