/**
 * POST /api/votes  { "topicId": "…", "action": "cast" | "withdraw" | "pick" | "unpick" }
 * cast/withdraw: patrons (checked by castVote via patronStatus); pick/unpick: any signed-in reader
 * (remembered until they become a patron). Answers JSON: 200 with the ballot, or 4xx { error, code }.
 */
import { z } from 'zod';
import { authorizeRequest } from '@/lib/auth/session';
import { castVote, withdrawVote } from '@/lib/voting/votes';
import { pickTopicAsNonPatron, unpickTopic } from '@/lib/voting/pending';
import { isVotingError } from '@/lib/voting/shared';
import { guarded } from '@/lib/http/guard';
import { apiError, NO_STORE, parseJsonBody } from '@/lib/http/responses';
import { consumeLimit, tooManyRequests } from '@/lib/limits/limiter';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  topicId: z.string({ error: 'topicId is required' }).trim().min(1, 'topicId is required').max(100, 'topicId is too long'),
  action: z.enum(['cast', 'withdraw', 'pick', 'unpick'], { error: 'action must be cast, withdraw, pick or unpick' }).default('cast'),
});


export const POST = guarded({ accept: ['application/json'], maxBytes: 2048 }, async (request) => {
  const auth = await authorizeRequest('READER');
  if (!auth.ok) return auth.response;
  const parsed = await parseJsonBody(request, bodySchema);
  if (!parsed.ok) return parsed.response;
  const { topicId, action } = parsed.data;
  const limit = await consumeLimit('votes', auth.user.id);
  if (!limit.ok) return tooManyRequests(limit);
  try {
    switch (action) {
      case 'cast': {
        const r = await castVote(auth.user.id, topicId);
        return Response.json({ ok: true, action, ...r }, { headers: NO_STORE });
      }
      case 'withdraw': {
        const r = await withdrawVote(auth.user.id, topicId);
        return Response.json({ ok: true, action, ...r }, { headers: NO_STORE });
      }
      case 'pick':
        await pickTopicAsNonPatron(auth.user.id, topicId);
        return Response.json({ ok: true, action, topicId }, { headers: NO_STORE });
      case 'unpick':
        await unpickTopic(auth.user.id, topicId);
        return Response.json({ ok: true, action, topicId }, { headers: NO_STORE });
    }
  } catch (err) {
    if (isVotingError(err)) return apiError(err.status, err.message, err.code);
    console.error('[votes] unexpected error', err);
    return apiError(500, 'Something went wrong on our side. Please try again.', 'INTERNAL');
  }
});
