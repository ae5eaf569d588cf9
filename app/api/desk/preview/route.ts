import { z } from 'zod';
import { renderMarkdown } from '@/lib/articles/markdown';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

const bodySchema = z.object(
  { body: z.string({ error: 'Send JSON like {"body": "…"}' }).max(200_000, 'The body is too long to preview') },
  { error: 'Send JSON like {"body": "…"}' },
);

/** EDITOR+: Markdown → sanitised HTML, the same renderer the article pages use. */
export const POST = apiRoute({ role: 'EDITOR', body: bodySchema, maxBytes: 1024 * 1024 }, ({ body }) =>
  Response.json({ html: renderMarkdown(body.body) }),
);
