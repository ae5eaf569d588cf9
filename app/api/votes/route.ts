/**
 * POST /api/votes  { "topicId": "…", "action": "cast" | "withdraw" | "pick" | "unpick" }
 * cast/withdraw: patrons (checked by castVote via patronStatus); pick/unpick: any signed-in reader
 * (remembered until they become a patron). Answers JSON: 200 with the ballot, or 4xx { error, code }.
 */
import { z } from 'zod';
import { castVote, withdrawVote } from '@/lib/voting/votes';
import { pickTopicAsNonPatron, unpickTopic } from '@/lib/voting/pending';
import { apiRoute } from '@/lib/http/api-route';
import { consumeLimit, tooManyRequests } from '@/lib/limits/limiter';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  topicId: z.string({ error: 'topicId is required' }).trim().min(1, 'topicId is required').max(100, 'topicId is too long'),
  action: z.enum(['cast', 'withdraw', 'pick', 'unpick'], { error: 'action must be cast, withdraw, pick or unpick' }).default('cast'),
});

export const POST = apiRoute({ role: 'READER', body: bodySchema, maxBytes: 2048 }, async ({ user, body: { topicId, action } }) => {
  const limit = await consumeLimit('votes', user.id);
  if (!limit.ok) return tooManyRequests(limit);
  switch (action) {
    case 'cast':
      return Response.json({ ok: true, action, ...(await castVote(user.id, topicId)) });
    case 'withdraw':
      return Response.json({ ok: true, action, ...(await withdrawVote(user.id, topicId)) });
    case 'pick':
      await pickTopicAsNonPatron(user.id, topicId);
      return Response.json({ ok: true, action, topicId });
    case 'unpick':
      await unpickTopic(user.id, topicId);
      return Response.json({ ok: true, action, topicId });
  }
});
