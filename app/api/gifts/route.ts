/**
 * POST /api/gifts (form or JSON): a signed-in reader buys a gift membership (tierId, months 3|6|12,
 * currency, recipientEmail, recipientName?, message?, deliverOn YYYY-MM-DD): a one-off Stripe Checkout
 * payment (form → 303 to Checkout; JSON → { url }). Counted against the checkout limit.
 */
import { checkoutAnswer } from '@/lib/billing/http';
import { signedInPost } from '@/lib/http/form-post';
import { GiftError, startGiftCheckout } from '@/lib/gifts/gifts';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

// The gift page's language (its `locale` field) answers.
export const POST = signedInPost(
  {
    accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    maxBytes: 8 * 1024,
    path: '/gift',
    signIn: (locale) => {
      const t = translator(locale, 'gifts.errors');
      return { message: t('signInToGive'), label: t('signIn') };
    },
  },
  async (post) => {
    const t = translator(post.locale, 'gifts.errors');
    return checkoutAnswer(post, {
      start: () => startGiftCheckout(post.user, post.body),
      refusal: GiftError,
      back: { href: post.here, label: t('back') },
      providerMessage: t('provider'),
      tag: 'gift checkout',
    });
  },
);
