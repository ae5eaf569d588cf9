/** POST /api/pay-it-forward/contribute (form or JSON: amount in whole units, currency): a one-off Checkout payment into the pot. */
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { consumeLimit } from '@/lib/limits/limiter';
import { PifError, startContribution } from '@/lib/pif/pif';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 },
  async (req) => {
    const user = await getCurrentUser();
    const body = await readBody(req);
    // The page's language (its `locale` field): sentences, the way back and Checkout's pages.
    const locale = toLocale(body?.locale);
    const t = translator(locale, 'retention.pif');
    const page = { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
    const pif = localePath(locale, '/pay-it-forward');
    const back = { href: pif, label: t('back') };
    if (!user)
      return errorResponse(
        req,
        401,
        t('signInToContribute'),
        { href: localePath(locale, `/signin?${new URLSearchParams({ callbackUrl: pif })}`), label: t('signInLabel') },
        {},
        page,
      );
    if (!body) return errorResponse(req, 400, 'The request body must be JSON or a form.');
    const limit = await consumeLimit('checkout', user.id);
    if (!limit.ok) return errorResponse(req, 429, limit.message, back, { 'Retry-After': String(limit.retryAfterSeconds) }, page);
    try {
      const { url } = await startContribution(user, body);
      return isFormRequest(req) ? seeOther(url, req) : Response.json({ url }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof PifError) return errorResponse(req, e.status, e.message, back, {}, page);
      console.error('[pay it forward]', e);
      return errorResponse(req, 502, t('provider'), undefined, {}, page);
    }
  },
);
