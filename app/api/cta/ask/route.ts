/**
 * GET /api/cta/ask: which ask the calls to action should show this reader (lib/cta/ask.ts): anonymous,
 * reader, patron (with their referral link) or lapsed (with the tier they had). Per reader, never cached;
 * the article pages themselves stay static and ask this from the browser.
 */
import { getCurrentUser } from '@/lib/auth/session';
import { askFor } from '@/lib/cta/ask';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ role: 'anyone' }, async () => {
  const user = await getCurrentUser();
  try {
    return Response.json(await askFor(user));
  } catch (e) {
    // Personalisation must never break a page: the default ask, and a log line.
    console.error('[api/cta/ask]', e);
    return Response.json({ kind: user ? 'reader' : 'anonymous' });
  }
});
