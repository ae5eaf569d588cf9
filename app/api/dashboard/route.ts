/** GET /api/dashboard?range=12m&granularity=month&currency=usd (or from/to): the dashboard figures as JSON (admins). */
import { getDashboard, parseDashboardParams } from '@/lib/analytics/dashboard';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ role: 'ADMIN' }, async ({ query }) => Response.json(await getDashboard(parseDashboardParams(query))));
