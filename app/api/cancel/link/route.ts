/**
 * POST /api/cancel/link (form or JSON, `email`): emails a one-time cancellation link when the address
 * has a renewing membership. The answer is the same either way (303 to /cancel?sent=1, or
 * `{ ok: true }`), so it tells nobody whether an address is a patron; over the abuse limits: 429.
 */
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { z } from 'zod';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { requestLocale } from '@/lib/http/request-locale';
import { clientIp } from '@/lib/limits/client-ip';
import { limitMessageIn } from '@/lib/limits/limiter';
import { requestCancelLink } from '@/lib/retention/links';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ email: z.email({ error: 'Enter the email address of your membership.' }).max(320) });

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 },
  async (req) => {
    const body = await readBody(req);
    if (!body) return errorResponse(req, 400, translator(await requestLocale(req), 'common.api')('bodyForm'));
    // The /cancel page's language (its `locale` field).
    const locale = toLocale(body.locale);
    const t = translator(locale, 'retention.errors');
    const page = { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
    const back = { href: localePath(locale, '/cancel'), label: t('back') };
    const parsed = bodySchema.safeParse({ email: typeof body.email === 'string' ? body.email.trim() : body.email });
    if (!parsed.success) return errorResponse(req, 400, t('email'), back, {}, page);
    const result = await requestCancelLink(parsed.data.email, clientIp(req.headers));
    if (!result.ok)
      return errorResponse(req, 429, limitMessageIn(result, locale), back, { 'Retry-After': String(result.retryAfterSeconds) }, page);
    return isFormRequest(req)
      ? seeOther(`${localePath(locale, '/cancel')}?sent=1`, req)
      : Response.json({ ok: true }, { headers: NO_STORE });
  },
);
