import { z } from 'zod';
import { authorizeRequest } from '@/lib/auth/session';
import { renderMarkdown } from '@/lib/articles/markdown';
import { guarded } from '@/lib/http/guard';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ body: z.string().max(200_000, 'The body is too long to preview') });

/** EDITOR+: Markdown → sanitised HTML, the same renderer the article pages use. */
export const POST = guarded({ accept: ['application/json'], maxBytes: 1024 * 1024 }, async (req) => {
  const auth = await authorizeRequest('EDITOR');
  if (!auth.ok) return auth.response;
  const headers = { 'Cache-Control': 'private, no-store' };
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return Response.json({ error: 'Send JSON like {"body": "…"}' }, { status: 400, headers });
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]!.message }, { status: 400, headers });
  return Response.json({ html: renderMarkdown(parsed.data.body) }, { headers });
});
