/**
 * Runs before /search (Next's proxy, Node.js runtime): a search with a query counts against the
 * per-IP search limit; over it, the answer is 429 with Retry-After and a page that says how long to
 * wait, and no search runs. A page cannot set its own status code, so the limit lives here. Only
 * /search is matched: article pages stay static and never pass through this.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { escapeHtml } from '@/lib/mail/templates';
import { clientIp } from '@/lib/limits/client-ip';
import { consumeLimit } from '@/lib/limits/limiter';

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const q = req.nextUrl.searchParams.get('q')?.trim();
  // Router prefetches are not searches a person asked for.
  if (!q || req.headers.has('next-router-prefetch') || req.headers.get('purpose') === 'prefetch') return NextResponse.next();
  const limit = await consumeLimit('search', clientIp(req.headers));
  if (limit.ok) return NextResponse.next();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Please wait a moment</title></head><body style="font-family:Georgia,serif;max-width:560px;margin:48px auto;padding:0 16px"><h1 style="font-size:1.4rem">Please wait a moment</h1><p role="alert">${escapeHtml(limit.message)}</p><p><a href="/">Back to the front page</a></p></body></html>`;
  return new NextResponse(html, {
    status: 429,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(limit.retryAfterSeconds),
      'Cache-Control': 'private, no-store',
    },
  });
}

export const config = { matcher: ['/search'] };
