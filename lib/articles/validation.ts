/** zod schemas for the article desk, with messages written for editors. */
import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales';
import { slugify } from './slugify';

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

const tagsSchema = z
  .string()
  .max(1000, 'That is too many tags')
  .transform((raw, ctx) => {
    const seen = new Set<string>();
    const tags: { name: string; slug: string }[] = [];
    for (const part of raw.split(',')) {
      const name = part.trim().replace(/\s+/g, ' ');
      if (!name) continue;
      const slug = slugify(name, 60);
      if (!slug || name.length > 50) {
        ctx.addIssue({ code: 'custom', message: `“${name.slice(0, 50)}” isn't a usable tag: use 1–50 letters or numbers` });
        return z.NEVER;
      }
      if (seen.has(slug)) continue;
      seen.add(slug);
      tags.push({ name, slug });
    }
    if (tags.length > 20) {
      ctx.addIssue({ code: 'custom', message: 'Use at most 20 tags' });
      return z.NEVER;
    }
    return tags;
  });

export const articleFieldsSchema = z
  .object({
    title: z.string().trim().min(3, 'The title needs at least 3 characters').max(200, 'Keep the title under 200 characters'),
    slug: z
      .string()
      .trim()
      .min(1, 'The slug is required (it is the article’s address)')
      .max(120, 'Keep the slug under 120 characters')
      .regex(SLUG_PATTERN, 'Use lowercase letters, numbers and single hyphens, like city-budget-2026'),
    standfirst: z.string().trim().max(600, 'Keep the standfirst under 600 characters'),
    body: z.string().max(200_000, 'The body is too long (200,000 characters at most)'),
    sectionId: z.string().trim().min(1, 'Choose a section'),
    authorIds: z.array(z.string().min(1).max(100)).max(10, 'Choose at most 10 authors'),
    tags: tagsSchema,
    heroImageUrl: z
      .string()
      .trim()
      .max(2000, 'That image address is too long')
      .refine(
        (u) => u === '' || u.startsWith('/') || /^https?:\/\/[^\s]+$/i.test(u),
        'Use a full image address starting with https:// (or a path starting with /)',
      ),
    heroImageAlt: z.string().trim().max(300, 'Keep the alt text under 300 characters'),
    locale: z.enum(LOCALES, { error: 'Choose the language the article is written in' }).default('en'),
    // The slug of the article this one translates ('' for an original).
    translationOf: z
      .string()
      .trim()
      .max(120, 'Keep the slug under 120 characters')
      .refine((s) => s === '' || SLUG_PATTERN.test(s), 'Give the slug of the original article, like city-budget-2026')
      .default(''),
  })
  .superRefine((v, ctx) => {
    if (v.heroImageUrl && !v.heroImageAlt) {
      ctx.addIssue({
        code: 'custom',
        path: ['heroImageAlt'],
        message: 'Describe the image (alt text is required when there is a hero image)',
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

export const intentSchema = z.enum(ARTICLE_INTENTS, { error: 'Unknown action' });

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

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = (issue.path[0] ?? 'form') as ArticleFieldName;
    out[key] ??= issue.message;
  }
  return out;
}

export const deskListQuerySchema = z.object({
  status: z.enum(['DRAFT', 'SCHEDULED', 'PUBLISHED']).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
