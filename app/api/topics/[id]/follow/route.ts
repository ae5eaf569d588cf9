/**
 * GET  /api/topics/<id>/follow: whether the signed-in reader follows the topic (for the follow button on
 *      the otherwise static progress page); anonymous readers get `{ signedIn: false }`.
 * POST /api/topics/<id>/follow { "follow": true | false }: signed-in readers follow or unfollow a topic
 *      that has a progress page. JSON answers; 4xx { error, code } with a sentence in the request's
 *      language (lib/http/request-locale.ts: the NEXT_LOCALE cookie, else the account's, else English).
 */
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { apiRoute, domainErrorResponse } from '@/lib/http/api-route';
import { requestLocale } from '@/lib/http/request-locale';
import { apiError, NO_STORE } from '@/lib/http/responses';
import type { Locale } from '@/lib/i18n/locales';
import { sentence } from '@/lib/i18n/sentence';
import { coded } from '@/lib/i18n/said';
import { translator } from '@/lib/i18n/translator';
import { followState, setFollow } from '@/lib/voting/follows';
import { hasProgressPage } from '@/lib/voting/progress';
import { isVotingError, votingErrorMessage } from '@/lib/voting/rules';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const bodySchema = z.object({ follow: z.boolean({ error: coded(sentence('voting.api.follow')) }) });
const notFound = (locale: Locale) => apiError(404, translator(locale, 'voting.errors')('unknownTopic'), 'UNKNOWN_TOPIC');

export async function GET(req: Request, { params }: Ctx) {
  const id = idSchema.safeParse((await params).id);
  if (!id.success || !(await hasProgressPage(id.data))) return notFound(await requestLocale(req));
  const user = await getCurrentUser();
  if (!user) return Response.json({ signedIn: false, following: false, voted: false, emailsStopped: false }, { headers: NO_STORE });
  return Response.json({ signedIn: true, ...(await followState(user.id, id.data)) }, { headers: NO_STORE });
}

export const POST = apiRoute<typeof bodySchema, 'READER', { id: string }>(
  { role: 'READER', body: bodySchema, maxBytes: 256 },
  async ({ user, body, params, locale }) => {
    const id = idSchema.safeParse(params.id);
    if (!id.success) return notFound(await locale());
    try {
      return Response.json({ signedIn: true, ...(await setFollow(user.id, id.data, body.follow)) });
    } catch (err) {
      if (!isVotingError(err)) throw err;
      const l = await locale();
      return domainErrorResponse(Object.assign(err, { message: votingErrorMessage(err, l) }), l);
    }
  },
);
