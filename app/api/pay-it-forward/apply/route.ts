/** POST /api/pay-it-forward/apply (form or JSON: reason): a signed-in reader asks for a membership funded by the pot. */
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { applyForMembership, PifError } from '@/lib/pif/pif';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 4096 },
  async (req) => {
    const user = await getCurrentUser();
    if (!user)
      return errorResponse(req, 401, 'Please sign in to apply.', { href: '/signin?callbackUrl=%2Fpay-it-forward', label: 'Sign in' });
    const body = await readBody(req);
    if (!body) return errorResponse(req, 400, 'The request body must be JSON or a form.');
    try {
      const app = await applyForMembership(user.id, body);
      return isFormRequest(req) ? seeOther('/pay-it-forward?applied=1', req) : Response.json({ id: app.id }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof PifError) return errorResponse(req, e.status, e.message, { href: '/pay-it-forward', label: 'Back' });
      throw e;
    }
  },
);
