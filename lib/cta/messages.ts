/**
 * The words of each call-to-action slot per reader type (client-safe: no server imports). The slots'
 * components (components/cta/*) render these once GET /api/cta/ask has said who is reading; until then,
 * and for anonymous readers, they show the static default the cached page was built with.
 */
import { supportHref, type CtaPlacement } from '@/lib/articles/support-links';
import type { Ask } from './ask';

export type CtaSlotName = Extract<CtaPlacement, 'end-of-article' | 'inline'>;

export type CtaMessage =
  | { variant: 'default' }
  | { variant: 'ask'; kind: 'reader' | 'lapsed'; heading: string; text: string; href: string; label: string }
  | { variant: 'referral'; heading: string; text: string; link: string };

export function ctaMessage(ask: Ask | null, slot: CtaSlotName, slug: string | null): CtaMessage {
  if (!ask || ask.kind === 'anonymous') return { variant: 'default' };
  const href = supportHref(slot, slug);
  if (ask.kind === 'reader') {
    return {
      variant: 'ask',
      kind: 'reader',
      heading: slot === 'inline' ? 'You read us often.' : 'You read us often. Make it count.',
      text: 'You are signed in, so joining takes one step: pick a tier and pay. Your picks become votes on what we cover next.',
      href,
      label: 'Become a patron',
    };
  }
  if (ask.kind === 'lapsed') {
    const tier = ask.tierName ? ` as a ${ask.tierName} patron` : '';
    return {
      variant: 'ask',
      kind: 'lapsed',
      heading: 'We miss you.',
      text: `Thank you for being a patron before. Come back${tier}: your old membership is ready to pick up where you left it.`,
      href,
      label: `Come back${tier}`,
    };
  }
  return {
    variant: 'referral',
    heading: 'Thank you for being a patron.',
    text: 'Know someone who reads us? Share your personal link: when they join through it, we will tell you.',
    link: ask.referralLink,
  };
}
