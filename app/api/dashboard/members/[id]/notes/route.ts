/** POST /api/dashboard/members/:id/notes { "body": "…" }: adds a private staff note (admins). */
import { authorizeRequest } from '@/lib/auth/session';
import { addStaffNote } from '@/lib/analytics/notes';
import { guarded } from '@/lib/http/guard';
import { jsonError, NO_STORE } from '../../../http';

export const dynamic = 'force-dynamic';

export const POST = guarded<{ params: Promise<{ id: string }> }>({ accept: ['application/json'], maxBytes: 32 * 1024 }, async (request, { params }) => {
  const auth = await authorizeRequest('ADMIN');
  if (!auth.ok) return auth.response;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonError(400, 'The request body is not valid JSON.');
  }
  const note = body && typeof body === 'object' && 'body' in body ? (body as { body: unknown }).body : undefined;
  const result = await addStaffNote({ memberId: (await params).id, body: note }, auth.user.id);
  if (!result.ok) return jsonError(result.status, result.error);
  return Response.json({ note: result.note }, { status: 201, headers: NO_STORE });
});
