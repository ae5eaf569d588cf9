/**
 * Sections as the desk edits them: the name and description readers see in the navigation and on
 * section pages, in English and (in `translations`, lib/i18n/content.ts) the site's other languages.
 * The slug (the section's address) is fixed.
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { DomainError } from '@/lib/errors/domain-error';
import { translationsSchema } from '@/lib/i18n/content';
import { coded, fieldSentencesFromZod, sentenceIn } from '@/lib/i18n/said';
import { sentence, type Sentence } from '@/lib/i18n/sentence';

const name = z
  .string()
  .trim()
  .min(1, coded(sentence('desk.sections.errors.nameRequired')))
  .max(60, coded(sentence('desk.sections.errors.nameLong')));
const description = z
  .string()
  .trim()
  .max(300, coded(sentence('desk.sections.errors.descriptionLong')));

export const sectionInputSchema = z.object({
  name,
  description,
  translations: translationsSchema.default({}),
});

export class SectionError extends DomainError {}

export async function listSectionsForDesk() {
  const db = await getDb();
  return db.section.findMany({
    orderBy: [{ position: 'asc' }, { name: 'asc' }],
    select: { id: true, slug: true, name: true, description: true, translations: true, _count: { select: { articles: true } } },
  });
}

/** Validates every language's name and description the same way; errors are named like the form's fields (name_uk). */
function parseSection(input: unknown) {
  const r = sectionInputSchema.safeParse(input);
  if (!r.success) {
    const fields = fieldSentencesFromZod(r.error);
    const first = Object.values(fields)[0] ?? sentence('desk.sections.errors.invalid');
    throw new SectionError({ code: 'INVALID', status: 400, sentence: first, fieldSentences: fields });
  }
  const fields: Record<string, Sentence> = {};
  for (const [locale, t] of Object.entries(r.data.translations)) {
    const n = name.optional().safeParse(t.name);
    const d = description.optional().safeParse(t.description);
    if (!n.success) fields[`name_${locale}`] = sentenceIn(n.error.issues[0]!.message)!;
    if (!d.success) fields[`description_${locale}`] = sentenceIn(d.error.issues[0]!.message)!;
  }
  const first = Object.values(fields)[0];
  if (first) throw new SectionError({ code: 'INVALID', status: 400, sentence: first, fieldSentences: fields });
  return r.data;
}

/** Renames a section (and its translations). Returns its slug, for refreshing its pages. */
export async function updateSection(id: string, input: unknown): Promise<{ slug: string }> {
  const data = parseSection(input);
  const db = await getDb();
  const r = await db.section.updateMany({
    where: { id },
    data: { name: data.name, description: data.description, translations: data.translations },
  });
  if (r.count === 0) throw new SectionError({ code: 'NOT_FOUND', status: 404, sentence: sentence('desk.sections.errors.gone') });
  return db.section.findUniqueOrThrow({ where: { id }, select: { slug: true } });
}
