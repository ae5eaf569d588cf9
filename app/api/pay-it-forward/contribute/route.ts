/** POST /api/pay-it-forward/contribute (form or JSON: amount in whole units, currency): a one-off Checkout payment into the pot. */
import { checkoutAnswer } from '@/lib/billing/http';
import { signedInPost } from '@/lib/http/form-post';
import { translator } from '@/lib/i18n/translator';
import { PifError, startContribution } from '@/lib/pif/pif';

export const dynamic = 'force-dynamic';

// The page's language (its `locale` field): sentences, the way back and Checkout's pages.
export const POST = signedInPost(
  {
    accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    maxBytes: 2048,
    path: '/pay-it-forward',
    signIn: (locale) => {
      const t = translator(locale, 'retention.pif');
      return { message: t('signInToContribute'), label: t('signInLabel') };
    },
  },
  async (post) => {
    const t = translator(post.locale, 'retention.pif');
    return checkoutAnswer(post, {
      start: () => startContribution(post.user, post.body),
      refusal: PifError,
      back: { href: post.here, label: t('back') },
      providerMessage: t('provider'),
      tag: 'pay it forward',
    });
  },
);
