import { getCurrentUser } from '@/lib/auth/session';
import { patronStatus } from '@/lib/billing/patron-status';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

/**
 * Who is signed in, for client-side personalisation of otherwise static pages: identity plus patron
 * status (`isPatron`, `patronState`: active | trialing | canceling | past_due_grace | past_due_lapsed | paused | ended | none).
 */
export const GET = apiRoute({ role: 'anyone' }, async () => {
  const user = await getCurrentUser();
  if (!user) return Response.json({ user: null, isPatron: false, patronState: 'none' });
  let isPatron = false;
  let patronState: string = 'none';
  try {
    const status = await patronStatus(user.id);
    isPatron = status.isPatron;
    patronState = status.state;
  } catch (e) {
    // Personalisation must never break a page: report "not a patron" and log.
    console.error('[api/me] patron status', e);
  }
  return Response.json({ user: { email: user.email, name: user.name, role: user.role }, isPatron, patronState });
});
