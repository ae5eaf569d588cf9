/**
 * GET /api/checkout/status?session_id=…: has the webhook confirmed this checkout yet? A signed-in reader
 * asks about their own checkout; a browser that paid first (not signed in) about the guest checkout whose
 * claim cookie it holds (lib/billing/pay-first.ts). Anyone else: 404.
 */
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { checkoutState } from '@/lib/billing/checkout';
import { guestCheckoutState, readClaimCookie } from '@/lib/billing/pay-first';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

const query = z.object({
  session_id: z
    .string()
    .trim()
    .regex(/^cs_[A-Za-z0-9_]{1,250}$/, { error: 'session_id is missing or malformed' }),
});

export const GET = apiRoute({ role: 'anyone' }, async ({ request: req, query: search }) => {
  const user = await getCurrentUser();
  const parsed = query.safeParse(search);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]!.message }, { status: 400 });
  if (!user) {
    const guest = await guestCheckoutState(parsed.data.session_id, readClaimCookie(req.headers.get('cookie')));
    if (!guest)
      return Response.json(
        { error: 'No such checkout in this browser. If you have paid, sign in to see your membership.' },
        { status: 404 },
      );
    return Response.json({ guest: true, ...guest });
  }
  const state = await checkoutState(user.id, parsed.data.session_id);
  if (!state) return Response.json({ error: 'No such checkout.' }, { status: 404 });
  return Response.json({ state: state.state, tierName: state.tierName, mode: state.mode });
});
