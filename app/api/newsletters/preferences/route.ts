/**
 * POST /api/newsletters/preferences  (form: token, newsletter=<id> for each one ticked)  the
 * preferences page reached from every newsletter email, without signing in: the signed token names
 * the address. Unticked newsletters are unsubscribed; a ticked free one is confirmed at once.
 */
import { guarded } from '@/lib/http/guard';
import { errorResponse, NO_STORE } from '@/lib/http/responses';
import { savePreferences } from '@/lib/newsletters/subscriptions';

export const dynamic = 'force-dynamic';

export const POST = guarded({ accept: ['application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 4096 }, async (request) => {
  let token: unknown = null;
  let ids: string[] = [];
  try {
    const form = await request.formData();
    token = form.get('token');
    ids = form
      .getAll('newsletter')
      .filter((v): v is string => typeof v === 'string')
      .slice(0, 50);
  } catch {
    token = null;
  }
  if (!(await savePreferences(token, ids)))
    return errorResponse(
      request,
      400,
      'This link is not valid. Copy the whole link from a newsletter email, or sign in and choose on your account page.',
      { href: '/', label: 'Go to the front page' },
    );
  return new Response(null, {
    status: 303,
    headers: { ...NO_STORE, Location: `/newsletters/preferences?${new URLSearchParams({ token: String(token), saved: '1' })}` },
  });
});
