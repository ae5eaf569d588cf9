/** GET /api/dashboard?range=12m&granularity=month&currency=usd (or from/to): the dashboard figures as JSON (admins). */
import { authorizeRequest } from '@/lib/auth/session';
import { getDashboard, parseDashboardParams } from '@/lib/analytics/dashboard';
import { clientErrorOf, jsonError, NO_STORE, searchParamsOf } from './http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest('ADMIN');
  if (!auth.ok) return auth.response;
  try {
    return Response.json(await getDashboard(parseDashboardParams(searchParamsOf(request))), { headers: NO_STORE });
  } catch (err) {
    const bad = clientErrorOf(err);
    if (bad) return jsonError(bad.status, bad.message);
    throw err;
  }
}
