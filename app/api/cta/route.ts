/**
 * POST /api/cta  { kind: 'view' | 'support', source, placement }  → 204
 * Counts a CTA view or a /support visit (see lib/analytics/cta-counts.ts). No cookies are read or set.
 * Requests with DNT: 1 or Sec-GPC: 1 get 204 and are not counted; cross-site ones are refused by the
 * guard. The body is JSON, sent as application/json or (navigator.sendBeacon) text/plain, at most 2 KB.
 * Bad input → 400 with a message; too many from one IP → 429.
 */
import { NextResponse } from 'next/server';
import { countCta, ctaBeaconSchema, optedOut } from '@/lib/analytics/cta-counts';
import { guarded } from '@/lib/http/guard';
import { clientIp } from '@/lib/limits/client-ip';
import { consumeLimit, tooManyRequests } from '@/lib/limits/limiter';

export const dynamic = 'force-dynamic';

const noContent = () => new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });

export const POST = guarded({ accept: ['application/json', 'text/plain'], maxBytes: 2000 }, async (req) => {
  if (optedOut(req.headers)) return noContent();
  let body: unknown;
  try {
    body = JSON.parse(await req.text());
  } catch {
    return NextResponse.json(
      { error: 'Send a JSON object like {"kind":"view","source":"my-article","placement":"inline"}.' },
      { status: 400 },
    );
  }
  const parsed = ctaBeaconSchema.safeParse(body);
  if (!parsed.success)
    return NextResponse.json(
      { error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join(' ') },
      { status: 400 },
    );
  const limit = await consumeLimit('cta', clientIp(req.headers));
  if (!limit.ok) return tooManyRequests(limit);
  await countCta(parsed.data);
  return noContent();
});
