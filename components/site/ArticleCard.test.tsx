import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ArticleCard as Card } from '@/lib/articles/queries';
import { ArticleCard } from './ArticleCard';

type Props = { children?: ReactNode; lang?: string };

/** The elements a server component renders, as they go into the page's payload (children walked, components not called). */
function elements(node: unknown): ReactElement<Props>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!isValidElement<Props>(node)) return [];
  return [node, ...elements(node.props.children)];
}

const card: Card = {
  id: 'a1',
  slug: 'ferry',
  title: 'Council votes to reopen the ferry',
  standfirst: 'Service resumes in spring.',
  publishedAt: new Date('2026-11-10T12:00:00Z'),
  updatedAt: new Date('2026-11-10T12:00:00Z'),
  heroImageUrl: null,
  heroImageAlt: null,
  locale: 'en',
  section: { slug: 'city-hall', name: 'City Hall' },
  authors: [{ slug: 'june', name: 'June Abernathy' }],
};

describe('ArticleCard', () => {
  it('gives no element a lang prop when the story is in the page’s language (not even lang={undefined}, which the payload spells out)', () => {
    const tree = elements(ArticleCard({ article: card, locale: 'en' }));
    expect(tree.length).toBeGreaterThan(5);
    expect(tree.filter((e) => 'lang' in e.props).map((e) => e.type)).toEqual([]);
  });

  it('marks a story in another language, and the page-language section and date inside it', () => {
    const html = renderToStaticMarkup(ArticleCard({ article: card, locale: 'uk' }));
    expect(html).toMatch(/^<article class="card card--default" lang="en">/);
    expect(html).toContain('<a class="kicker" lang="uk" href="/uk/sections/city-hall">');
    expect(html).toContain('<time dateTime="2026-11-10T12:00:00.000Z" lang="uk">');
  });
});
