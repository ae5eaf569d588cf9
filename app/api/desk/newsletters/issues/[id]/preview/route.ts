/**
 * GET /api/desk/newsletters/issues/<id>/preview  the issue's HTML as readers' mail clients get it
 * (editors); `?format=text` gives its plain-text part, `?locale=uk` the copy readers in that language get.
 */
import { apiRoute } from '@/lib/http/api-route';
import { apiError, NO_STORE } from '@/lib/http/responses';
import { NewsletterError } from '@/lib/newsletters/newsletters';
import { previewIssue } from '@/lib/newsletters/issues';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { toLocale } from '@/lib/i18n/locales';
import { staffLocale } from '@/lib/i18n/staff-locale';

export const dynamic = 'force-dynamic';

export const GET = apiRoute<undefined, 'EDITOR', { id: string }>({ role: 'EDITOR' }, async ({ query, params: { id } }) => {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) return apiError(404, 'There is no such issue.', 'UNKNOWN_ISSUE');
  try {
    const { html, text } = await previewIssue(id, toLocale(query.locale));
    if (query.format === 'text') return new Response(text, { headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' } });
    return new Response(html, { headers: { ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8' } });
  } catch (err) {
    if (err instanceof NewsletterError) return apiError(404, errorMessageIn(err, await staffLocale()), err.code);
    throw err;
  }
});
