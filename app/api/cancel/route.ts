/**
 * POST /api/cancel (form or JSON): the steps of cancelling (lib/retention/cancel.ts).
 * - `step=reason` (reason, detail): records why, then 303 to the offers (/account/cancel?request=…).
 * - `step=decide` (choice = cancel | pause:N | lower | yearly; `request` from the reason step, or
 *   reason/detail inline): cancels at the period end or takes the offer, then 303 to /cancel/done.
 * Who: the signed-in reader, or, without signing in, the holder of a one-time link from /cancel
 * (`token`): opening the link and giving a reason spend nothing; the decision spends the link.
 */
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { guarded } from '@/lib/http/guard';
import { requestLocale } from '@/lib/http/request-locale';
import { sentence } from '@/lib/i18n/sentence';
import { coded, sayMessage } from '@/lib/i18n/said';
import { CANCEL_REASON_KEYS } from '@/lib/retention/reasons';
import { CancelError, decide, recordReason, type Decision } from '@/lib/retention/cancel';
import { spendCancelToken, userOfCancelToken } from '@/lib/retention/links';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  step: z.enum(['reason', 'decide'], { error: coded(sentence('retention.errors.step')) }),
  token: z.string().trim().min(1).max(200).optional(),
  request: z.string().trim().min(1).max(64).optional(),
  reason: z.enum(CANCEL_REASON_KEYS, { error: coded(sentence('retention.errors.reason')) }).optional(),
  detail: z
    .string()
    .trim()
    .max(1000, coded(sentence('retention.errors.detail')))
    .optional(),
  choice: z
    .string()
    .regex(/^(cancel|lower|yearly|pause:[1-3])$/, coded(sentence('retention.errors.choice')))
    .optional(),
});

function decisionOf(choice: string): Decision {
  if (choice.startsWith('pause:')) return { choice: 'pause', months: Number(choice.slice(6)) };
  return { choice: choice as 'cancel' | 'lower' | 'yearly' };
}

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 8192 },
  async (req) => {
    const body = await readBody(req);
    if (!body) return errorResponse(req, 400, translator(await requestLocale(req), 'common.api')('bodyForm'));
    // The cancel page's language (the forms' `locale` field): sentences and the next pages keep it.
    const locale = toLocale(body.locale);
    const t = translator(locale, 'retention.errors');
    const page = { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
    const cancelPage = localePath(locale, '/cancel');
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) return errorResponse(req, 400, sayMessage(locale, parsed.error.issues[0]!.message), undefined, {}, page);
    const { step, token, request, reason, detail, choice } = parsed.data;

    let userId: string | null;
    if (token) {
      userId = await userOfCancelToken(token);
      if (!userId) return errorResponse(req, 400, t('linkGone'), { href: cancelPage, label: t('newLink') }, {}, page);
    } else {
      userId = (await getCurrentUser())?.id ?? null;
      if (!userId) return errorResponse(req, 401, t('signIn'), { href: cancelPage, label: t('withoutSignIn') }, {}, page);
    }
    const via = token ? ('link' as const) : ('account' as const);
    const back = localePath(locale, token ? `/cancel/confirm?token=${encodeURIComponent(token)}` : '/account/cancel');

    try {
      if (step === 'reason') {
        if (!reason) return errorResponse(req, 400, t('reason'), undefined, {}, page);
        const created = await recordReason(userId, { reason, detail: detail ?? null, via });
        const next = `${back}${back.includes('?') ? '&' : '?'}request=${created.id}`;
        return isFormRequest(req) ? seeOther(next, req) : Response.json({ request: created.id, next }, { headers: NO_STORE });
      }
      if (!choice) return errorResponse(req, 400, t('choice'), undefined, {}, page);
      const requestId = request ?? (await recordReason(userId, { reason: reason ?? 'unspecified', detail: detail ?? null, via })).id;
      if (token && (await spendCancelToken(token)) !== userId)
        return errorResponse(req, 400, t('linkGone'), { href: cancelPage, label: t('newLink') }, {}, page);
      const result = await decide(userId, requestId, decisionOf(choice));
      const q = new URLSearchParams({
        outcome: result.outcome,
        ...(result.until ? { until: result.until.toISOString().slice(0, 10) } : {}),
      });
      return isFormRequest(req)
        ? seeOther(`${localePath(locale, '/cancel/done')}?${q}`, req)
        : Response.json(result, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof CancelError)
        return errorResponse(
          req,
          e.status,
          errorMessageIn(e, locale),
          { href: token ? cancelPage : localePath(locale, '/account'), label: t('back') },
          {},
          page,
        );
      console.error('[cancel]', e);
      return errorResponse(req, 502, t('provider'), { href: back, label: t('tryAgain') }, {}, page);
    }
  },
);
