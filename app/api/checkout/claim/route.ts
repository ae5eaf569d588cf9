/**
 * POST /api/checkout/claim (form: session_id): pay first's sign-in. Spends the claim of a guest checkout
 * that created a NEW account (the browser's claim cookie must match the stored hash; once; before it
 * expires) for a database session, sets next-auth's session cookie and goes back to the success page.
 * An address that already had an account is never signed in here (it was emailed a sign-in link).
 */
import { z } from 'zod';
import { claimGuestCheckout, clearClaimCookieHeader, readClaimCookie, sessionCookieHeader } from '@/lib/billing/pay-first';
import { errorResponse, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';

const form = z.object({
  session_id: z
    .string()
    .trim()
    .regex(/^cs_[A-Za-z0-9_]{1,250}$/, { error: 'The checkout reference is missing or malformed.' }),
});

const REFUSALS = {
  unknown: [404, 'This browser did not start that checkout, so it cannot sign in with it. Sign in with your email address instead.'],
  'not-ready': [409, 'Your payment is still being confirmed. Please wait a moment and try again.'],
  'existing-account': [403, 'This address already has an account: we have emailed you a sign-in link instead.'],
  spent: [409, 'This checkout has already been used to sign in. Sign in with your email address instead.'],
  expired: [410, 'This sign-in has expired. Sign in with your email address instead.'],
} as const;

export const POST = guarded(
  { accept: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'], maxBytes: 2 * 1024 },
  async (req) => {
    const parsed = form.safeParse((await readBody(req)) ?? {});
    const back = { href: '/signin', label: 'Sign in' };
    if (!parsed.success) return errorResponse(req, 400, parsed.error.issues[0]!.message, back);
    const result = await claimGuestCheckout(parsed.data.session_id, readClaimCookie(req.headers.get('cookie')));
    if (!result.ok) {
      const [status, message] = REFUSALS[result.reason];
      return errorResponse(req, status, message, back);
    }
    const res = seeOther(`/support/success?session_id=${encodeURIComponent(parsed.data.session_id)}`, req);
    res.headers.append('Set-Cookie', sessionCookieHeader(result.sessionToken, result.expires));
    res.headers.append('Set-Cookie', clearClaimCookieHeader());
    return res;
  },
);
