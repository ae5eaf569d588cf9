import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { coded, fieldSentencesFromZod, sayMessage, sentenceIn } from './said';
import { sentence } from './sentence';

describe('coded sentences in zod messages', () => {
  const schema = z.object({
    title: z.string().min(3, coded(sentence('desk.articles.errors.titleShort'))),
    slug: z.string().min(1, 'The slug is required'),
  });

  it('says a coded message in either language and leaves plain text alone', () => {
    const r = schema.safeParse({ title: 'x', slug: '' });
    expect(r.success).toBe(false);
    const [title, slug] = r.error!.issues;
    expect(sayMessage('en', title!.message)).toBe('The title needs at least 3 characters');
    expect(sayMessage('uk', title!.message)).toBe('Заголовок має містити щонайменше 3 символи');
    expect(sayMessage('uk', slug!.message)).toBe('The slug is required');
    expect(sentenceIn('plain text')).toBeNull();
  });

  it('gives the sentences per field, without the plain-text ones', () => {
    const r = schema.safeParse({ title: 'x', slug: '' });
    expect(fieldSentencesFromZod(r.error!)).toEqual({ title: { key: 'desk.articles.errors.titleShort' } });
  });

  it('keeps the values a sentence needs', () => {
    const m = coded(sentence('desk.articles.errors.badTag', { name: 'x&y' }));
    expect(sayMessage('en', m)).toBe("“x&y” isn't a usable tag: use 1–50 letters or numbers");
  });
});
