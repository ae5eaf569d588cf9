/** POST /api/checkout: start a Stripe Checkout for the signed-in reader (JSON → { url }, form → 303). */
import { getCurrentUser } from '@/lib/auth/session';
import { CheckoutError, startCheckout } from '@/lib/billing/checkout';
import { errorResponse, isFormRequest, NO_STORE, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { consumeLimit } from '@/lib/limits/limiter';

export const dynamic = 'force-dynamic';

export const POST = guarded({ accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 8 * 1024 }, async (req) => {
  const user = await getCurrentUser();
  if (!user) return errorResponse(req, 401, 'Please sign in to become a patron.', { href: '/support', label: 'Back to the support page' });
  const body = await readBody(req);
  if (!body) return errorResponse(req, 400, 'The request body must be JSON or a form.');
  const limit = await consumeLimit('checkout', user.id);
  if (!limit.ok) return errorResponse(req, 429, limit.message, { href: '/support', label: 'Back to the support page' }, { 'Retry-After': String(limit.retryAfterSeconds) });
  try {
    const result = await startCheckout(user, body);
    const url = 'redirect' in result ? result.redirect : result.url;
    if (isFormRequest(req)) return seeOther(url, req);
    return Response.json('redirect' in result ? { redirect: result.redirect } : { url: result.url }, { headers: NO_STORE });
  } catch (e) {
    if (e instanceof CheckoutError) return errorResponse(req, 400, e.message, { href: '/support', label: 'Back to the support page' });
    console.error('[checkout]', e);
    return errorResponse(req, 502, 'We could not reach the payment provider. Please try again in a moment.');
  }
});
