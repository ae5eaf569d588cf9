/**
 * POST /api/newsletters/subscribe  { email, newsletter (slug), source }  (JSON from the sign-up slot's
 * script, or a plain form post without JavaScript). Email-only, double opt-in: the answer is the same
 * sentence whether or not the address was already subscribed (lib/newsletters/subscriptions.ts).
 * Under the abuse limits LIMIT_NEWSLETTER_IP (per client IP) and LIMIT_NEWSLETTER_EMAIL (per address):
 * over them, 429 and nothing is written or sent. Article pages stay cached: the slot posts here.
 */
import { guarded } from '@/lib/http/guard';
import { errorResponse, isFormRequest, NO_STORE } from '@/lib/http/responses';
import { readBody } from '@/lib/billing/http';
import { clientIp } from '@/lib/limits/client-ip';
import { consumeLimits, tooManyRequests } from '@/lib/limits/limiter';
import { NewsletterError } from '@/lib/newsletters/newsletters';
import { normaliseEmail, requestSignup, SIGNUP_ANSWER, signupInput } from '@/lib/newsletters/subscriptions';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 },
  async (request) => {
    const form = isFormRequest(request);
    const body = await readBody(request);
    const parsed = signupInput.safeParse(body ?? {});
    if (!parsed.success)
      return errorResponse(request, 400, parsed.error.issues[0]?.message ?? 'Enter a valid email address.', {
        href: '/',
        label: 'Back to the front page',
      });
    const limit = await consumeLimits([
      ['newsletterIp', clientIp(request.headers)],
      ['newsletterEmail', normaliseEmail(parsed.data.email)],
    ]);
    if (!limit.ok)
      return form
        ? errorResponse(request, 429, limit.message, undefined, { 'Retry-After': String(limit.retryAfterSeconds) })
        : tooManyRequests(limit);
    try {
      await requestSignup(parsed.data);
    } catch (err) {
      if (err instanceof NewsletterError) return errorResponse(request, 400, err.message, { href: '/account', label: 'Your account' });
      throw err;
    }
    if (form) return new Response(null, { status: 303, headers: { ...NO_STORE, Location: '/newsletters/thanks' } });
    return Response.json({ ok: true, message: SIGNUP_ANSWER }, { headers: NO_STORE });
  },
);
