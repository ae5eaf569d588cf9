/** POST /api/pay-it-forward/apply (form or JSON: reason): a signed-in reader asks for a membership funded by the pot. */
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { applyForMembership, PifError } from '@/lib/pif/pif';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 4096 },
  async (req) => {
    const user = await getCurrentUser();
    const body = await readBody(req);
    // The page's language (its `locale` field).
    const locale = toLocale(body?.locale);
    const t = translator(locale, 'retention.pif');
    const page = { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
    const pif = localePath(locale, '/pay-it-forward');
    if (!user)
      return errorResponse(
        req,
        401,
        t('signInToApply'),
        { href: localePath(locale, `/signin?${new URLSearchParams({ callbackUrl: pif })}`), label: t('signInLabel') },
        {},
        page,
      );
    if (!body) return errorResponse(req, 400, 'The request body must be JSON or a form.');
    try {
      const app = await applyForMembership(user.id, body);
      return isFormRequest(req) ? seeOther(`${pif}?applied=1`, req) : Response.json({ id: app.id }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof PifError) return errorResponse(req, e.status, e.message, { href: pif, label: t('back') }, {}, page);
      throw e;
    }
  },
);
