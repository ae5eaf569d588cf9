/** Newsletters staff define at /desk/newsletters: name, description, cadence, audience, sender name. */
import { translationsSchema } from '@/lib/i18n/content';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { slugify } from '@/lib/articles/slugify';

export const CADENCES = ['daily', 'weekly', 'monthly', 'occasional'] as const;
export const AUDIENCES = ['EVERYONE', 'PATRONS'] as const;
export type Audience = (typeof AUDIENCES)[number];

export class NewsletterError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const newsletterInput = z.object({
  name: z.string().trim().min(2, 'Give the newsletter a name (2–80 characters).').max(80, 'Give the newsletter a name (2–80 characters).'),
  description: z
    .string()
    .trim()
    .min(5, 'Describe the newsletter in a sentence or two (5–400 characters).')
    .max(400, 'Describe the newsletter in a sentence or two (5–400 characters).'),
  cadence: z.enum(CADENCES, { message: `Cadence is one of ${CADENCES.join(', ')}.` }),
  audience: z.enum(AUDIENCES, { message: 'Audience is everyone or patrons only.' }),
  senderName: z
    .string()
    .trim()
    .min(2, 'Give a sender name (2–60 characters).')
    .max(60, 'Give a sender name (2–60 characters).')
    .refine((s) => !/["<>\\\r\n]/.test(s), 'The sender name cannot contain quotes, angle brackets or line breaks.'),
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
  const data = newsletterInput.parse(input);
  const db = await getDb();
  if (id) {
    const existing = await getNewsletter(id);
    if (!existing) throw new NewsletterError('UNKNOWN_NEWSLETTER', 'There is no such newsletter.');
    return db.newsletter.update({ where: { id }, data, select: SELECT });
  }
  const base = slugify(data.name) || 'newsletter';
  for (let i = 0; ; i++) {
    const slug = i ? `${base}-${i + 1}` : base;
    if (!(await db.newsletter.findUnique({ where: { slug }, select: { id: true } })))
      return db.newsletter.create({ data: { ...data, slug }, select: SELECT });
  }
}
