import { describe, expect, it } from 'vitest';
import { sayMessage } from './said';
import { sentence } from './sentence';
import { textField } from './text-field';

describe('textField', () => {
  const title = textField({ min: [3, sentence('desk.articles.errors.titleShort')], max: [5, sentence('desk.articles.errors.titleLong')] });

  it('trims, then takes text within its bounds', () => {
    expect(title.parse('  abc  ')).toBe('abc');
    expect(textField({ max: [2, sentence('desk.articles.errors.titleLong')] }).parse(' ')).toBe('');
  });

  it('says the broken bound’s own sentence, in either language', () => {
    const short = title.safeParse('  ab ');
    expect(sayMessage('en', short.error!.issues[0]!.message)).toBe('The title needs at least 3 characters');
    expect(sayMessage('uk', short.error!.issues[0]!.message)).toBe('Заголовок має містити щонайменше 3 символи');
    const long = title.safeParse('abcdef');
    expect(long.error!.issues[0]!.message).toContain('desk.articles.errors.titleLong');
  });
});
