import { siteName } from '@/lib/config/site';

/** Publisher logo for JSON-LD (`/logo.svg`, a stable URL). Static: rendered once at build. */
export const dynamic = 'force-static';

export function GET(): Response {
  const initial = (siteName().trim()[0] ?? 'P').toUpperCase().replace(/[^A-Z0-9]/, 'P');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512"><rect width="512" height="512" rx="96" fill="#b3261e"/><text x="256" y="350" text-anchor="middle" font-family="Georgia, 'Times New Roman', serif" font-size="300" font-weight="700" fill="#ffffff">${initial}</text></svg>`;
  return new Response(svg, { headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' } });
}
