/**
 * The words of each call-to-action slot per reader type (client-safe: no server imports). The slots'
 * components (components/cta/*) render these once GET /api/cta/ask has said who is reading; until then,
 * and for anonymous readers, they show the static default the cached page was built with.
 * The words come from the `cta.slot` catalogue: the slot passes its translator (useTranslations), the
 * default is English.
 */
import { createTranslator } from 'next-intl';
import { supportHref, type CtaPlacement } from '@/lib/articles/support-links';
import { DEFAULT_LOCALE, localePath, type Locale } from '@/lib/i18n/locales';
import enCta from '@/messages/en/cta.json';
import type { Ask } from './ask';

export type CtaSlotName = Extract<CtaPlacement, 'end-of-article' | 'inline'>;

export type CtaMessage =
  | { variant: 'default' }
  | { variant: 'ask'; kind: 'reader' | 'lapsed'; heading: string; text: string; href: string; label: string }
  | { variant: 'referral'; heading: string; text: string; link: string };

type SlotKey = keyof (typeof enCta)['slot'];
/** A translator bound to `cta.slot` (useTranslations('cta.slot') in the browser). */
export type CtaSlotTranslate = (key: SlotKey, values?: Record<string, string>) => string;

const english: CtaSlotTranslate = createTranslator({ locale: 'en', messages: { cta: enCta }, namespace: 'cta.slot' });

// i18n-keys: cta.slot.readerHeadingShort cta.slot.readerHeading cta.slot.readerText cta.slot.become cta.slot.lapsedHeading
// i18n-keys: cta.slot.lapsedText cta.slot.lapsedTextTier cta.slot.comeBack cta.slot.comeBackTier cta.slot.referralHeading cta.slot.referralText
export function ctaMessage(
  ask: Ask | null,
  slot: CtaSlotName,
  slug: string | null,
  t: CtaSlotTranslate = english,
  locale: Locale = DEFAULT_LOCALE,
): CtaMessage {
  if (!ask || ask.kind === 'anonymous') return { variant: 'default' };
  const href = localePath(locale, supportHref(slot, slug));
  if (ask.kind === 'reader') {
    return {
      variant: 'ask',
      kind: 'reader',
      heading: slot === 'inline' ? t('readerHeadingShort') : t('readerHeading'),
      text: t('readerText'),
      href,
      label: t('become'),
    };
  }
  if (ask.kind === 'lapsed') {
    const tier = ask.tierName;
    return {
      variant: 'ask',
      kind: 'lapsed',
      heading: t('lapsedHeading'),
      text: tier ? t('lapsedTextTier', { tier }) : t('lapsedText'),
      href,
      label: tier ? t('comeBackTier', { tier }) : t('comeBack'),
    };
  }
  return {
    variant: 'referral',
    heading: t('referralHeading'),
    text: t('referralText'),
    link: ask.referralLink,
  };
}
