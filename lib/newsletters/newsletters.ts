/** Newsletters staff define at /desk/newsletters: name, description, cadence, audience, sender name. */
import { translationsSchema } from '@/lib/i18n/content';
import { z, type ZodError } from 'zod';
import { DomainError } from '@/lib/errors/domain-error';
import { sentence, type Sentence } from '@/lib/i18n/sentence';
import { coded, zodSentences } from '@/lib/i18n/said';
import { getDb } from '@/lib/db/client';
import { slugify } from '@/lib/articles/slugify';
import { textField } from '@/lib/i18n/text-field';

export const CADENCES = ['daily', 'weekly', 'monthly', 'occasional'] as const;
export const AUDIENCES = ['EVERYONE', 'PATRONS'] as const;
export type Audience = (typeof AUDIENCES)[number];

const NEWSLETTER_STATUS: Record<string, number> = { UNKNOWN_NEWSLETTER: 404, UNKNOWN_ISSUE: 404, NOT_DRAFT: 409 };

/**
 * A newsletter request refused, with a stable code (UNKNOWN_NEWSLETTER, PATRONS_ONLY, NOT_DRAFT …) and
 * a catalogue sentence: readers get it in their page's language, staff in theirs (errorMessageIn).
 */
export class NewsletterError extends DomainError {
  constructor(code: string, said: Sentence | { sentence: Sentence; fieldSentences: Record<string, Sentence> }) {
    super({ code, status: NEWSLETTER_STATUS[code] ?? 400, ...('key' in said ? { sentence: said } : said) });
  }
}

/** The refusal for input a schema turned down (its messages are catalogue keys). */
export const invalidInput = (err: ZodError) =>
  new NewsletterError('INVALID', zodSentences(err, sentence('deskAudience.newsletters.errors.checkForm')));

// Messages are catalogue sentences coded with lib/i18n/said.ts.
export const newsletterInput = z.object({
  name: textField({
    min: [2, sentence('deskAudience.newsletters.errors.name')],
    max: [80, sentence('deskAudience.newsletters.errors.name')],
  }),
  description: textField({
    min: [5, sentence('deskAudience.newsletters.errors.description')],
    max: [400, sentence('deskAudience.newsletters.errors.description')],
  }),
  cadence: z.enum(CADENCES, { message: coded(sentence('deskAudience.newsletters.errors.cadence')) }),
  audience: z.enum(AUDIENCES, { message: coded(sentence('deskAudience.newsletters.errors.audience')) }),
  senderName: textField({
    min: [2, sentence('deskAudience.newsletters.errors.senderName')],
    max: [60, sentence('deskAudience.newsletters.errors.senderName')],
  }).refine((s) => !/["<>\\\r\n]/.test(s), coded(sentence('deskAudience.newsletters.errors.senderChars'))),
  translations: translationsSchema.optional(),
});
export type NewsletterInput = z.infer<typeof newsletterInput>;
// Other languages' name and description ({ uk: { name, description } }, lib/i18n/content.ts): absent = left as they are.

export type NewsletterSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  cadence: string;
  audience: Audience;
  senderName: string;
  /** Other languages' name/description (lib/newsletters/localized.ts). */
  translations: unknown;
};

const SELECT = {
  id: true,
  slug: true,
  name: true,
  description: true,
  cadence: true,
  audience: true,
  senderName: true,
  translations: true,
} as const;

/** Every newsletter that is not archived, free ones first. */
export async function listNewsletters(): Promise<NewsletterSummary[]> {
  const db = await getDb();
  return db.newsletter.findMany({ where: { archivedAt: null }, orderBy: [{ audience: 'asc' }, { createdAt: 'asc' }], select: SELECT });
}

/** The newsletters anyone may sign up to with just an address (the sign-up slots). */
export async function listPublicNewsletters(): Promise<NewsletterSummary[]> {
  return (await listNewsletters()).filter((n) => n.audience === 'EVERYONE');
}

export async function getNewsletter(id: string) {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(id)) return null;
  const db = await getDb();
  return db.newsletter.findUnique({ where: { id }, select: { ...SELECT, archivedAt: true } });
}

export async function saveNewsletter(input: unknown, id?: string): Promise<NewsletterSummary> {
  const parsed = newsletterInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const data = parsed.data;
  const db = await getDb();
  if (id) {
    const existing = await getNewsletter(id);
    if (!existing) throw new NewsletterError('UNKNOWN_NEWSLETTER', sentence('newsletters.errors.unknown'));
    return db.newsletter.update({ where: { id }, data, select: SELECT });
  }
  const base = slugify(data.name) || 'newsletter';
  for (let i = 0; ; i++) {
    const slug = i ? `${base}-${i + 1}` : base;
    if (!(await db.newsletter.findUnique({ where: { slug }, select: { id: true } })))
      return db.newsletter.create({ data: { ...data, slug }, select: SELECT });
  }
}
