/**
 * GET /api/desk/newsletters/issues/<id>/preview  the issue's HTML as readers' mail clients get it
 * (editors); `?format=text` gives its plain-text part.
 */
import { apiRoute } from '@/lib/http/api-route';
import { apiError, NO_STORE } from '@/lib/http/responses';
import { NewsletterError } from '@/lib/newsletters/newsletters';
import { previewIssue } from '@/lib/newsletters/issues';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<undefined, 'EDITOR', { id: string }>({ role: 'EDITOR' }, async ({ query, params: { id } }) => {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return apiError(404, 'There is no such issue.', 'UNKNOWN_ISSUE');
  try {
    const { html, text } = await previewIssue(id);
    if (query.format === 'text') return new Response(text, { headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });
    return new Response(html, { headers: { ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8' } });
  } catch (err) {
    if (err instanceof NewsletterError) return apiError(404, err.message, err.code);
    throw err;
  }
});
