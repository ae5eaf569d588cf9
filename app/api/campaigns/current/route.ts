/**
 * GET /api/campaigns/current: the running campaign and its progress, or { campaign: null }. Public and
 * the same for everyone, so it is cached (browsers and proxies, briefly): the progress bar on static
 * article pages fetches it in the browser, and the page itself stays static.
 */
import { currentCampaign } from '@/lib/campaigns/campaigns';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const campaign = await currentCampaign();
  return Response.json({ campaign }, { headers: { 'Cache-Control': 'public, max-age=30, stale-while-revalidate=60' } });
}
