/** GET /api/desk/newsletters/issues/<id>/preview  the issue's HTML as readers' mail clients get it (editors). */
import { authorizeRequest } from '@/lib/auth/session';
import { apiError, NO_STORE } from '@/lib/http/responses';
import { NewsletterError } from '@/lib/newsletters/newsletters';
import { previewIssue } from '@/lib/newsletters/issues';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await authorizeRequest('EDITOR');
  if (!auth.ok) return auth.response;
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return apiError(404, 'There is no such issue.', 'UNKNOWN_ISSUE');
  try {
    const { html } = await previewIssue(id);
    return new Response(html, { headers: { ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8' } });
  } catch (err) {
    if (err instanceof NewsletterError) return apiError(404, err.message, err.code);
    throw err;
  }
}
