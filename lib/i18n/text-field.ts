/**
 * The trimmed text field most forms have, its bounds saying catalogue sentences (lib/i18n/said.ts):
 * `title: textField({ min: [3, sentence('desk.articles.errors.titleShort')], max: [200, sentence('desk.articles.errors.titleLong')] })`.
 */
import { z } from 'zod';
import { coded } from './said';
import type { Sentence } from './sentence';

type Bound = readonly [length: number, sentence: Sentence];

export function textField(bounds: { min?: Bound; max: Bound }): z.ZodString {
  const text = z.string().trim();
  const atLeast = bounds.min ? text.min(bounds.min[0], coded(bounds.min[1])) : text;
  return atLeast.max(bounds.max[0], coded(bounds.max[1]));
}
