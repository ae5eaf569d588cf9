/**
 * POST /api/checkout: start a Stripe Checkout (JSON → { url }, form → 303). Signed-in readers pay as
 * themselves; a reader who is not signed in pays first (lib/billing/pay-first.ts): Checkout collects the
 * address, and the answer sets the browser's claim cookie for the success page.
 */
import { getCurrentUser } from '@/lib/auth/session';
import { CheckoutError, startCheckout } from '@/lib/billing/checkout';
import { claimCookieHeader } from '@/lib/billing/pay-first';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { requestLocale } from '@/lib/http/request-locale';
import { consumeLimit, limitMessageIn } from '@/lib/limits/limiter';
import { clientIp } from '@/lib/limits/client-ip';
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 8 * 1024 },
  async (req) => {
    const user = await getCurrentUser();
    const body = await readBody(req);
    if (!body) return errorResponse(req, 400, translator(await requestLocale(req), 'common.api')('bodyForm'));
    // The reader's language (the form's `locale` field): sentences, the way back, and Checkout's own pages.
    const locale = toLocale(body.locale);
    const t = translator(locale, 'membership.errors');
    const back = { href: localePath(locale, '/support'), label: t('back') };
    const page = { lang: locale, heading: t('heading') };
    // Signed-in readers are counted per account, everyone else per network.
    const limit = await consumeLimit('checkout', user ? user.id : `ip:${clientIp(req.headers)}`);
    if (!limit.ok)
      return errorResponse(req, 429, limitMessageIn(limit, locale), back, { 'Retry-After': String(limit.retryAfterSeconds) }, page);
    try {
      const result = await startCheckout(user, body);
      const url = 'redirect' in result ? result.redirect : result.url;
      const res = isFormRequest(req)
        ? seeOther(url, req)
        : Response.json('redirect' in result ? { redirect: result.redirect } : { url: result.url }, { headers: NO_STORE });
      if ('claimSecret' in result && result.claimSecret) res.headers.append('Set-Cookie', claimCookieHeader(result.claimSecret));
      return res;
    } catch (e) {
      if (e instanceof CheckoutError) return errorResponse(req, 400, e.message, back, {}, page);
      console.error('[checkout]', e);
      return errorResponse(req, 502, t('provider'), undefined, {}, page);
    }
  },
);
