/**
 * GET  /api/topics/<id>/follow: whether the signed-in reader follows the topic (for the follow button on
 *      the otherwise static progress page); anonymous readers get `{ signedIn: false }`.
 * POST /api/topics/<id>/follow { "follow": true | false }: signed-in readers follow or unfollow a topic
 *      that has a progress page. JSON answers; 4xx { error, code } with a sentence.
 */
import { z } from 'zod';
import { authorizeRequest, getCurrentUser } from '@/lib/auth/session';
import { guarded } from '@/lib/http/guard';
import { apiError, NO_STORE, parseJsonBody } from '@/lib/http/responses';
import { followState, setFollow } from '@/lib/voting/follows';
import { hasProgressPage } from '@/lib/voting/progress';
import { isVotingError } from '@/lib/voting/shared';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const bodySchema = z.object({ follow: z.boolean({ error: 'follow must be true or false' }) });
const NOT_FOUND = 'We could not find that topic.';

export async function GET(_req: Request, { params }: Ctx) {
  const id = idSchema.safeParse((await params).id);
  if (!id.success || !(await hasProgressPage(id.data))) return apiError(404, NOT_FOUND, 'UNKNOWN_TOPIC');
  const user = await getCurrentUser();
  if (!user) return Response.json({ signedIn: false, following: false, voted: false, emailsStopped: false }, { headers: NO_STORE });
  return Response.json({ signedIn: true, ...(await followState(user.id, id.data)) }, { headers: NO_STORE });
}

export const POST = guarded({ accept: ['application/json'], maxBytes: 256, jsonErrors: true }, async (request: Request, ctx: Ctx) => {
  const auth = await authorizeRequest('READER');
  if (!auth.ok) return auth.response;
  const id = idSchema.safeParse((await ctx.params).id);
  if (!id.success) return apiError(404, NOT_FOUND, 'UNKNOWN_TOPIC');
  const parsed = await parseJsonBody(request, bodySchema);
  if (!parsed.ok) return parsed.response;
  try {
    return Response.json({ signedIn: true, ...(await setFollow(auth.user.id, id.data, parsed.data.follow)) }, { headers: NO_STORE });
  } catch (err) {
    if (isVotingError(err)) return apiError(err.status, err.message, err.code);
    throw err;
  }
});
