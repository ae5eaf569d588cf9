/**
 * POST /api/gifts (form or JSON): a signed-in reader buys a gift membership (tierId, months 3|6|12,
 * currency, recipientEmail, recipientName?, message?, deliverOn YYYY-MM-DD): a one-off Stripe Checkout
 * payment (form → 303 to Checkout; JSON → { url }). Counted against the checkout limit.
 */
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { consumeLimit } from '@/lib/limits/limiter';
import { GiftError, startGiftCheckout } from '@/lib/gifts/gifts';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 8 * 1024 },
  async (req) => {
    const user = await getCurrentUser();
    if (!user)
      return errorResponse(req, 401, 'Please sign in to give a membership.', { href: '/signin?callbackUrl=%2Fgift', label: 'Sign in' });
    const body = await readBody(req);
    if (!body) return errorResponse(req, 400, 'The request body must be JSON or a form.');
    const limit = await consumeLimit('checkout', user.id);
    if (!limit.ok)
      return errorResponse(req, 429, limit.message, { href: '/gift', label: 'Back' }, { 'Retry-After': String(limit.retryAfterSeconds) });
    try {
      const { url } = await startGiftCheckout(user, body);
      return isFormRequest(req) ? seeOther(url, req) : Response.json({ url }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof GiftError) return errorResponse(req, e.status, e.message, { href: '/gift', label: 'Back to the gift page' });
      console.error('[gift checkout]', e);
      return errorResponse(req, 502, 'We could not reach the payment provider. Please try again in a moment.');
    }
  },
);
