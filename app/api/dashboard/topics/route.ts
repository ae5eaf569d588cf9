/** GET /api/dashboard/topics?range=12m (or from/to): topic round statistics as JSON (editors and admins). */
import { getTopicStats, parseDashboardParams } from '@/lib/analytics/dashboard';
import { apiRoute } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ role: 'EDITOR' }, async ({ query }) => {
  const { from, to } = parseDashboardParams(query);
  return Response.json(await getTopicStats({ from, to }));
});
