/** POST /api/billing/portal (form): open Stripe's billing portal for the signed-in reader → 303. */
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, seeOther } from '@/lib/billing/http';
import { openBillingPortal } from '@/lib/billing/account';
import { guarded } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 4096, allowEmpty: true },
  async (req) => {
    const user = await getCurrentUser();
    if (!user)
      return errorResponse(req, 401, 'Please sign in to manage your membership.', {
        href: '/signin?callbackUrl=%2Faccount',
        label: 'Sign in',
      });
    try {
      const url = await openBillingPortal(user.id);
      if (!url) return errorResponse(req, 400, 'You have no membership to manage yet.', { href: '/support', label: 'Become a patron' });
      return seeOther(url, req);
    } catch (e) {
      console.error('[billing portal]', e);
      return errorResponse(req, 502, 'We could not reach the payment provider. Please try again in a moment.');
    }
  },
);
