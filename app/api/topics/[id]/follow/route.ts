/**
 * GET  /api/topics/<id>/follow: whether the signed-in reader follows the topic (for the follow button on
 *      the otherwise static progress page); anonymous readers get `{ signedIn: false }`.
 * POST /api/topics/<id>/follow { "follow": true | false }: signed-in readers follow or unfollow a topic
 *      that has a progress page. JSON answers; 4xx { error, code } with a sentence.
 */
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { apiRoute } from '@/lib/http/api-route';
import { apiError, NO_STORE } from '@/lib/http/responses';
import { followState, setFollow } from '@/lib/voting/follows';
import { hasProgressPage } from '@/lib/voting/progress';

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

export const POST = apiRoute<typeof bodySchema, 'READER', { id: string }>(
  { role: 'READER', body: bodySchema, maxBytes: 256 },
  async ({ user, body, params }) => {
    const id = idSchema.safeParse(params.id);
    if (!id.success) return apiError(404, NOT_FOUND, 'UNKNOWN_TOPIC');
    return Response.json({ signedIn: true, ...(await setFollow(user.id, id.data, body.follow)) });
  },
);
