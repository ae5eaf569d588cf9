/** POST /api/dashboard/members/:id/notes { "body": "…" }: adds a private staff note (admins). */
import { z } from 'zod';
import { addStaffNote } from '@/lib/members/notes';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

// The note's own rules (length, blank) are addStaffNote's; here only the shape.
const bodySchema = z.object({ body: z.unknown() }, { error: 'Send JSON like {"body": "…"}' });

export const POST = apiRoute<typeof bodySchema, 'ADMIN', { id: string }>(
  { role: 'ADMIN', body: bodySchema, maxBytes: 32 * 1024 },
  async ({ user, body, params }) => {
    const result = await addStaffNote({ memberId: params.id, body: body.body }, user.id);
    if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
    return Response.json({ note: result.note }, { status: 201 });
  },
);
