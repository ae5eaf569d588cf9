/**
 * POST /api/newsletters/bounces  the mail provider's bounce and complaint webhook (README,
 * "Newsletters"). Authenticated with a shared secret: `Authorization: Bearer <NEWSLETTER_WEBHOOK_SECRET>`
 * (compared in constant time); without the setting the endpoint answers 404. Body (JSON):
 * `{ "type": "hard-bounce" | "soft-bounce" | "complaint", "email": "…" }` or `{ "events": [ … ] }`.
 * Called by servers, not browsers: no session, no cookies.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { apiError, NO_STORE, parseJsonBody } from '@/lib/http/responses';
import { bounceBody, recordBounceEvents } from '@/lib/newsletters/bounces';
import { bounceWebhookSecret } from '@/lib/newsletters/settings';

export const dynamic = 'force-dynamic';

const digest = (s: string) => createHash('sha256').update(s).digest();

export async function POST(request: Request): Promise<Response> {
  const secret = bounceWebhookSecret();
  if (!secret) return apiError(404, 'The bounce webhook is off: set NEWSLETTER_WEBHOOK_SECRET to turn it on.', 'NOT_CONFIGURED');
  const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (!timingSafeEqual(digest(given), digest(secret)))
    return apiError(401, 'Send the shared secret as Authorization: Bearer <NEWSLETTER_WEBHOOK_SECRET>.', 'UNAUTHORIZED');
  if (Number(request.headers.get('content-length') ?? 0) > 256 * 1024)
    return apiError(413, 'The request body is larger than 256 KB.', 'TOO_LARGE');
  const parsed = await parseJsonBody(request, bounceBody);
  if (!parsed.ok) return parsed.response;
  const events = 'events' in parsed.data ? parsed.data.events : [parsed.data];
  const { suppressed } = await recordBounceEvents(events);
  return Response.json({ ok: true, events: events.length, suppressed: suppressed.length }, { headers: NO_STORE });
}
