/**
 * POST /api/gifts/redeem (form or JSON, `token` from the gift email): the signed-in reader redeems the
 * gift and is a patron until its end date (form → 303 to /account; JSON → { endsAt }). Refusals are in the
 * redeem page's language (its `locale` field).
 */
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { GiftError, redeemGift } from '@/lib/gifts/gifts';
import { requestLocale } from '@/lib/http/request-locale';
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ token: z.string().trim().min(1).max(200) });

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 },
  async (req) => {
    const body = await readBody(req);
    if (!body) return errorResponse(req, 400, translator(await requestLocale(req), 'common.api')('bodyForm'));
    const locale = toLocale(body.locale);
    const t = translator(locale, 'gifts.redeemErrors');
    const page = { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
    const home = { href: localePath(locale, '/'), label: t('home') };
    const user = await getCurrentUser();
    if (!user) return errorResponse(req, 401, t('signIn'), undefined, {}, page);
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) return errorResponse(req, 400, t('incomplete'), undefined, {}, page);
    try {
      const { endsAt } = await redeemGift(parsed.data.token, user.id);
      return isFormRequest(req) ? seeOther(localePath(locale, '/account'), req) : Response.json({ endsAt }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof GiftError) return errorResponse(req, e.status === 404 ? 400 : e.status, errorMessageIn(e, locale), home, {}, page);
      throw e;
    }
  },
);
