/**
 * POST /api/newsletters/me  { newsletterId }  a signed-in reader adds one newsletter (the success
 * page's offer of the patrons' letter). Patrons-only letters are still sent only to patrons, decided
 * at send time, so a new patron whose payment is being confirmed can already choose it.
 */
import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { apiError } from '@/lib/http/responses';
import { sentence } from '@/lib/i18n/sentence';
import { coded } from '@/lib/i18n/said';
import { translator } from '@/lib/i18n/translator';
import { subscribeSignedIn } from '@/lib/newsletters/subscriptions';

export const dynamic = 'force-dynamic';

const body = z.object({ newsletterId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, coded(sentence('newsletters.errors.newsletter'))) });

// Refusals in the request's language (lib/http/request-locale.ts).
export const POST = apiRoute({ role: 'READER', body, maxBytes: 1024 }, async ({ user, body, locale }) => {
  if (!(await subscribeSignedIn(user, body.newsletterId, 'success')))
    return apiError(404, translator(await locale(), 'newsletters')('errors.unknown'), 'UNKNOWN_NEWSLETTER');
  return Response.json({ ok: true });
});
