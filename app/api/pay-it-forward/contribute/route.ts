/**
 * POST /api/pay-it-forward/contribute (form or JSON: amount in whole units, currency): a one-off Checkout
 * payment into the pot, in the page's language (its `locale` field): sentences, the way back and Checkout's pages.
 */
import { checkoutRoute } from '@/lib/billing/checkout-route';
import type { Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { PifError, startContribution } from '@/lib/pif/pif';

export const dynamic = 'force-dynamic';

function texts(locale: Locale) {
  const t = translator(locale, 'retention.pif');
  return { signIn: t('signInToContribute'), signInLabel: t('signInLabel'), back: t('back'), provider: t('provider') };
}

export const POST = checkoutRoute({
  maxBytes: 2048,
  path: '/pay-it-forward',
  texts,
  start: startContribution,
  refusal: PifError,
  tag: 'pay it forward',
});
