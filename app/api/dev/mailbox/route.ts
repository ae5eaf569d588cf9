import { z } from 'zod';
import { mailboxAvailable } from '@/lib/config/mode';
import { latestOutboxFor } from '@/lib/mail/outbox';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  to: z.email({ error: 'Pass ?to=<email address>' }),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** Test mode only: the latest outbox messages for one address (tests pick magic links up here). */
export async function GET(req: Request) {
  const headers = { 'Cache-Control': 'no-store' };
  if (!mailboxAvailable()) return Response.json({ error: 'Not found' }, { status: 404, headers });
  const url = new URL(req.url);
  const parsed = querySchema.safeParse({ to: url.searchParams.get('to') ?? '', limit: url.searchParams.get('limit') ?? undefined });
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]!.message }, { status: 400, headers });
  const rows = await latestOutboxFor(parsed.data.to, parsed.data.limit);
  const links = (text: string) => [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
  return Response.json(
    {
      messages: rows.map((m) => ({
        id: m.id,
        to: m.to,
        subject: m.subject,
        kind: m.kind,
        createdAt: m.createdAt.toISOString(),
        text: m.text,
        html: m.html,
        links: links(m.text),
      })),
    },
    { headers },
  );
}
