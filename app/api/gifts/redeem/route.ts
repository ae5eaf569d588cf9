/**
 * POST /api/gifts/redeem (form or JSON, `token` from the gift email): the signed-in reader redeems the
 * gift and is a patron until its end date (form → 303 to /account; JSON → { endsAt }).
 */
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { GiftError, redeemGift } from '@/lib/gifts/gifts';
import { localePath, toLocale } from '@/lib/i18n/locales';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  token: z.string({ error: 'The gift link is incomplete.' }).trim().min(1, 'The gift link is incomplete.').max(200),
});

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 },
  async (req) => {
    const user = await getCurrentUser();
    if (!user) return errorResponse(req, 401, 'Please sign in to redeem your gift.');
    const body = await readBody(req);
    if (!body) return errorResponse(req, 400, 'The request body must be JSON or a form.');
    const parsed = bodySchema.safeParse(body);
    if (!parsed.success) return errorResponse(req, 400, parsed.error.issues[0]!.message);
    try {
      const { endsAt } = await redeemGift(parsed.data.token, user.id);
      return isFormRequest(req)
        ? seeOther(localePath(toLocale(body.locale), '/account'), req)
        : Response.json({ endsAt }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof GiftError)
        return errorResponse(req, e.status === 404 ? 400 : e.status, e.message, { href: '/', label: 'Back to the news' });
      throw e;
    }
  },
);
