/**
 * POST /api/cta  { kind: 'view' | 'support', source, placement }  → 204
 * Counts a CTA view or a /support visit (see lib/analytics/cta.ts). No cookies are read or set.
 * Requests with DNT: 1 or Sec-GPC: 1, and cross-site requests, get 204 and are not counted.
 * Bad input → 400 with a message.
 */
import { NextResponse } from 'next/server';
import { countCta, ctaBeaconSchema, optedOut } from '@/lib/analytics/cta';

export const dynamic = 'force-dynamic';

const noContent = () => new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });

export async function POST(req: Request): Promise<Response> {
  if (optedOut(req.headers)) return noContent();
  // Browsers label cross-site requests; only our own pages' beacons count.
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') return noContent();
  const text = await req.text();
  if (text.length > 2000) return NextResponse.json({ error: 'The request body is too large.' }, { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return NextResponse.json({ error: 'Send a JSON object like {"kind":"view","source":"my-article","placement":"inline"}.' }, { status: 400 });
  }
  const parsed = ctaBeaconSchema.safeParse(body);
  if (!parsed.success) return NextResponse.json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join(' ') }, { status: 400 });
  await countCta(parsed.data);
  return noContent();
}
