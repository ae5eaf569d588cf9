/**
 * POST /api/newsletters/me  { newsletterId }  a signed-in reader adds one newsletter (the success
 * page's offer of the patrons' letter). Patrons-only letters are still sent only to patrons, decided
 * at send time, so a new patron whose payment is being confirmed can already choose it.
 */
import { z } from 'zod';
import { guarded } from '@/lib/http/guard';
import { apiError, NO_STORE, parseJsonBody } from '@/lib/http/responses';
import { authorizeRequest } from '@/lib/auth/session';
import { subscribeSignedIn } from '@/lib/newsletters/subscriptions';

export const dynamic = 'force-dynamic';

const body = z.object({ newsletterId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'Choose a newsletter.') });

export const POST = guarded({ accept: ['application/json'], maxBytes: 1024, jsonErrors: true }, async (request) => {
  const auth = await authorizeRequest('READER');
  if (!auth.ok) return auth.response;
  const parsed = await parseJsonBody(request, body);
  if (!parsed.ok) return parsed.response;
  if (!(await subscribeSignedIn(auth.user, parsed.data.newsletterId, 'success')))
    return apiError(404, 'There is no such newsletter.', 'UNKNOWN_NEWSLETTER');
  return Response.json({ ok: true }, { headers: NO_STORE });
});
