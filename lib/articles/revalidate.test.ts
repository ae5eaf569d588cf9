import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: [string, string | undefined][] = [];
vi.mock('next/cache', () => ({ revalidatePath: (p: string, t?: string) => calls.push([p, t]) }));

const { revalidateReaderPath } = await import('./revalidate');

describe('revalidateReaderPath', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('a reader path in every language', () => {
    revalidateReaderPath('/topics');
    expect(calls).toEqual([
      ['/en/topics', undefined],
      ['/uk/topics', undefined],
    ]);
  });

  it('patterns and layouts as Next tags the route: with the [locale] folder and the (site) group', () => {
    revalidateReaderPath('/sections/[slug]/page/[page]', 'page');
    revalidateReaderPath('/topics', 'layout');
    revalidateReaderPath('/', 'layout');
    expect(calls).toEqual([
      ['/[locale]/(site)/sections/[slug]/page/[page]', 'page'],
      ['/[locale]/(site)/topics', 'layout'],
      ['/[locale]', 'layout'],
      ['/(english)', 'layout'],
    ]);
  });

  it('English articles where their own folder caches them (app/(english)), other languages under [locale]', () => {
    revalidateReaderPath('/articles/river-bridge');
    revalidateReaderPath('/articles/[slug]', 'page');
    expect(calls).toEqual([
      ['/articles/river-bridge', undefined],
      ['/uk/articles/river-bridge', undefined],
      ['/[locale]/(site)/articles/[slug]', 'page'],
      ['/(english)/(site)/articles/[slug]', 'page'],
    ]);
  });
});
