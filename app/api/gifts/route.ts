/**
 * POST /api/gifts (form or JSON): a signed-in reader buys a gift membership (tierId, months 3|6|12,
 * currency, recipientEmail, recipientName?, message?, deliverOn YYYY-MM-DD): a one-off Stripe Checkout
 * payment (form → 303 to Checkout; JSON → { url }). Counted against the checkout limit. Answers in
 * the gift page's language (its `locale` field).
 */
import { checkoutRoute } from '@/lib/billing/checkout-route';
import { GiftError, startGiftCheckout } from '@/lib/gifts/gifts';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

function texts(locale: Locale) {
  const t = translator(locale, 'gifts.errors');
  return { signIn: t('signInToGive'), signInLabel: t('signIn'), back: t('back'), provider: t('provider') };
}

export const POST = checkoutRoute({
  maxBytes: 8 * 1024,
  path: '/gift',
  texts,
  start: startGiftCheckout,
  refusal: GiftError,
  tag: 'gift checkout',
});
