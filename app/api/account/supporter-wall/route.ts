/**
 * POST /api/account/supporter-wall (form or JSON: optIn, displayName): a patron adds their name to the
 * supporter wall (/supporters) or takes it off. Only patrons may opt in; anyone signed in may opt out.
 */
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { requestLocale } from '@/lib/http/request-locale';
import { patronStatus } from '@/lib/billing/patron-status';
import { setWallEntry, wallSchema } from '@/lib/campaigns/campaigns';
import { sayMessage } from '@/lib/i18n/said';
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 },
  async (req) => {
    const user = await getCurrentUser();
    const body = await readBody(req);
    // The account page's language (its `locale` field).
    const locale = toLocale(body?.locale);
    const t = translator(locale, 'account.errors');
    if (!user) return errorResponse(req, 401, t('signInFirst'));
    if (!body) return errorResponse(req, 400, translator(await requestLocale(req), 'common.api')('bodyForm'));
    const parsed = wallSchema.safeParse(body);
    if (!parsed.success) return errorResponse(req, 400, sayMessage(locale, parsed.error.issues[0]!.message));
    if (parsed.data.optIn) {
      if (!(await patronStatus(user.id)).isPatron) return errorResponse(req, 403, t('wallPatrons'));
      if (!parsed.data.displayName) return errorResponse(req, 400, t('wallName'));
    }
    await setWallEntry(user.id, { optIn: parsed.data.optIn, ...(parsed.data.displayName ? { displayName: parsed.data.displayName } : {}) });
    return isFormRequest(req)
      ? seeOther(`${localePath(locale, '/account')}#supporter-wall`, req)
      : Response.json({ optIn: parsed.data.optIn }, { headers: NO_STORE });
  },
);
