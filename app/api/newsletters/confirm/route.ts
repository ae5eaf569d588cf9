/**
 * POST /api/newsletters/confirm  (form: token)  the button on /newsletters/confirm. The signed token is
 * the authority (no sign-in); opening the emailed link alone changes nothing (mail scanners open links).
 */
import { guarded } from '@/lib/http/guard';
import { errorResponse, NO_STORE } from '@/lib/http/responses';
import { confirmSubscription } from '@/lib/newsletters/subscriptions';

export const dynamic = 'force-dynamic';

export const POST = guarded({ accept: ['application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 }, async (request) => {
  let token: unknown = null;
  try {
    token = (await request.formData()).get('token');
  } catch {
    token = null;
  }
  const done = await confirmSubscription(token);
  if (!done)
    return errorResponse(request, 400, 'This confirmation link is not valid. Copy the whole link from the email, or sign up again.', {
      href: '/',
      label: 'Go to the front page',
    });
  return new Response(null, {
    status: 303,
    headers: { ...NO_STORE, Location: `/newsletters/preferences?${new URLSearchParams({ token: done.manageToken, confirmed: '1' })}` },
  });
});
