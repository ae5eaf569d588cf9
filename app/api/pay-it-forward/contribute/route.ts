/** POST /api/pay-it-forward/contribute (form or JSON: amount in whole units, currency): a one-off Checkout payment into the pot. */
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
    if (!user)
      return errorResponse(req, 401, 'Please sign in to contribute.', { href: '/signin?callbackUrl=%2Fpay-it-forward', label: 'Sign in' });
    const body = await readBody(req);
    if (!body) return errorResponse(req, 400, 'The request body must be JSON or a form.');
    const limit = await consumeLimit('checkout', user.id);
    if (!limit.ok)
      return errorResponse(
        req,
        429,
        limit.message,
        { href: '/pay-it-forward', label: 'Back' },
        { 'Retry-After': String(limit.retryAfterSeconds) },
      );
    try {
      const { url } = await startContribution(user, body);
      return isFormRequest(req) ? seeOther(url, req) : Response.json({ url }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof PifError) return errorResponse(req, e.status, e.message, { href: '/pay-it-forward', label: 'Back' });
      console.error('[pay it forward]', e);
      return errorResponse(req, 502, 'We could not reach the payment provider. Please try again in a moment.');
    }
  },
);
