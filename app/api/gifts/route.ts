/**
 * POST /api/gifts (form or JSON): a signed-in reader buys a gift membership (tierId, months 3|6|12,
 * currency, recipientEmail, recipientName?, message?, deliverOn YYYY-MM-DD): a one-off Stripe Checkout
 * payment (form → 303 to Checkout; JSON → { url }). Counted against the checkout limit.
 */
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { consumeLimit } from '@/lib/limits/limiter';
import { GiftError, startGiftCheckout } from '@/lib/gifts/gifts';
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 8 * 1024 },
  async (req) => {
    const user = await getCurrentUser();
    const body = await readBody(req);
    // The gift page's language (its `locale` field).
    const locale = toLocale(body?.locale);
    const t = translator(locale, 'gifts.errors');
    const page = { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
    const gift = localePath(locale, '/gift');
    const back = { href: gift, label: t('back') };
    if (!user)
      return errorResponse(
        req,
        401,
        t('signInToGive'),
        { href: localePath(locale, `/signin?${new URLSearchParams({ callbackUrl: gift })}`), label: t('signIn') },
        {},
        page,
      );
    if (!body) return errorResponse(req, 400, 'The request body must be JSON or a form.');
    const limit = await consumeLimit('checkout', user.id);
    if (!limit.ok) return errorResponse(req, 429, limit.message, back, { 'Retry-After': String(limit.retryAfterSeconds) }, page);
    try {
      const { url } = await startGiftCheckout(user, body);
      return isFormRequest(req) ? seeOther(url, req) : Response.json({ url }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof GiftError) return errorResponse(req, e.status, e.message, back, {}, page);
      console.error('[gift checkout]', e);
      return errorResponse(req, 502, t('provider'), undefined, {}, page);
    }
  },
);
