/** GET /api/dashboard/topics?range=12m (or from/to): topic round statistics as JSON (editors and admins). */
import { authorizeRequest } from '@/lib/auth/session';
import { getTopicStats, parseDashboardParams } from '@/lib/analytics/dashboard';
import { clientErrorOf, jsonError, NO_STORE, searchParamsOf } from '../http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest('EDITOR');
  if (!auth.ok) return auth.response;
  try {
    const { from, to } = parseDashboardParams(searchParamsOf(request));
    return Response.json(await getTopicStats({ from, to }), { headers: NO_STORE });
  } catch (err) {
    const bad = clientErrorOf(err);
    if (bad) return jsonError(bad.status, bad.message);
    throw err;
  }
}
