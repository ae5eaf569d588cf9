/**
 * TEST EQUIPMENT: the app's test clock (lib/runtime/test-clock.ts), for end-to-end journeys.
 *   GET  /api/dev/clock                 → { clock: ISO | null, now: ISO }
 *   POST /api/dev/clock { at: ISO|null } → sets (or clears) the clock and queues the scheduled gift job
 *                                          at once, so what falls due at that time happens now.
 * Only where the dev mailbox exists and the site is a loopback one (testClockAvailable); 404 elsewhere,
 * before anything else is read.
 */
import { apiRoute } from '@/lib/http/api-route';
import { enqueue } from '@/lib/jobs/queue';
import { setClockSchema, setTestClock, testClockAvailable, testClockTime } from '@/lib/runtime/test-clock';

export const dynamic = 'force-dynamic';

const NOT_FOUND = () => Response.json({ error: 'Not found' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });

const get = apiRoute({ role: 'anyone' }, async () => {
  const clock = await testClockTime();
  return Response.json({ clock: clock?.toISOString() ?? null, now: new Date().toISOString() });
});

const post = apiRoute({ role: 'anyone', body: setClockSchema, maxBytes: 512 }, async ({ body }) => {
  const clock = await setTestClock(body.at === null ? null : new Date(body.at));
  // The scheduled gift job reads the clock: run it now rather than at its next tick.
  const job = await enqueue('scheduled.gifts', {});
  return Response.json({ clock: clock?.toISOString() ?? null, job });
});

export async function GET(req: Request): Promise<Response> {
  return testClockAvailable() ? get(req) : NOT_FOUND();
}

export async function POST(req: Request): Promise<Response> {
  return testClockAvailable() ? post(req) : NOT_FOUND();
}
