/**
 * Runs before /search (Next's proxy, Node.js runtime): a search with a query counts against the
 * per-IP search limit; over it, the answer is 429 with Retry-After and a page that says how long to
 * wait, and no search runs. A page cannot set its own status code, so the limit lives here. Only
 * /search is matched: article pages stay static and never pass through this.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { clientIp } from '@/lib/limits/client-ip';
import { consumeLimit } from '@/lib/limits/limiter';
import { splitLocalePath } from '@/lib/i18n/locales';
import { tooManySearchesPage } from '@/lib/limits/search-page';

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const q = req.nextUrl.searchParams.get('q')?.trim();
  // Router prefetches are not searches a person asked for.
  if (!q || req.headers.has('next-router-prefetch') || req.headers.get('purpose') === 'prefetch') return NextResponse.next();
  const limit = await consumeLimit('search', clientIp(req.headers));
  if (limit.ok) return NextResponse.next();
  const html = tooManySearchesPage(splitLocalePath(req.nextUrl.pathname).locale, limit.retryAfterSeconds);
  return new NextResponse(html, {
    status: 429,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(limit.retryAfterSeconds),
      'Cache-Control': 'private, no-store',
    },
  });
}

// The search page in every language (a matcher must be a literal: one entry per language prefix).
export const config = { matcher: ['/search', '/uk/search'] };
