import { checkHealth } from '@/lib/runtime/health';

export const dynamic = 'force-dynamic';

/** For load balancers and supervisors: 200 when this node can serve, 503 when not (or shutting down). Never cached. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
