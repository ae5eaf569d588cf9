/**
 * Links from the patron calls to action to /support. Every CTA carries its placement, and the
 * article it was shown on when there is one, so the support page (and later, analytics) can tell
 * which slot brought a reader in.
 */

// The three article slots, plus the topic-vote calls (the /topics page and the article's round slot).
// 'referral': a patron's personal link (/r/<code>, lib/referrals); 'newsletter': a link in a free newsletter.
export const CTA_PLACEMENTS = ['end-of-article', 'inline', 'banner', 'topics', 'round-cta', 'referral', 'newsletter'] as const;
export type CtaPlacement = (typeof CTA_PLACEMENTS)[number];

export const SUPPORT_PATH = '/support';

const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,199}$/;

export function isCtaPlacement(value: unknown): value is CtaPlacement {
  return typeof value === 'string' && (CTA_PLACEMENTS as readonly string[]).includes(value);
}

/**
 * `/support?from=<slug>&placement=<slot>[&round=<round slug>]`. `from` is included only for a valid
 * article slug (the banner passes one only when it is shown on an article page); `round` names the
 * topic round whose call brought the reader (the /topics page and the article's round slot).
 */
export function supportHref(placement: CtaPlacement, fromSlug?: string | null, roundSlug?: string | null): string {
  const params = new URLSearchParams();
  if (fromSlug && SLUG_RE.test(fromSlug)) params.set('from', fromSlug);
  params.set('placement', placement);
  if (roundSlug && SLUG_RE.test(roundSlug)) params.set('round', roundSlug);
  return `${SUPPORT_PATH}?${params.toString()}`;
}

export const endOfArticleHref = (slug: string): string => supportHref('end-of-article', slug);
export const inlineHref = (slug: string): string => supportHref('inline', slug);
export const bannerHref = (articleSlug?: string | null): string => supportHref('banner', articleSlug);

/** The article slug in a pathname like `/articles/<slug>`, else null. */
export function articleSlugFromPath(pathname: string | null | undefined): string | null {
  const m = /^\/articles\/([^/?#]+)\/?$/.exec(pathname ?? '');
  if (!m) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  return SLUG_RE.test(slug) ? slug : null;
}

/** Validates the query of /support. Unknown or malformed values become null. */
export function parseSupportParams(search: Record<string, string | string[] | undefined>): {
  from: string | null;
  placement: CtaPlacement | null;
  round: string | null;
} {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const from = first(search.from);
  const placement = first(search.placement);
  const round = first(search.round);
  return {
    from: typeof from === 'string' && SLUG_RE.test(from) ? from : null,
    placement: isCtaPlacement(placement) ? placement : null,
    round: typeof round === 'string' && SLUG_RE.test(round) ? round : null,
  };
}
