/**
 * Security headers on every response (next.config.ts `headers()`, computed once at build time, so
 * statically generated article pages keep being served from the cache: no per-request nonce).
 *
 * The CSP names no third-party script origin. Next.js streams each page's React Server Components
 * payload in inline `<script>self.__next_f.push(…)</script>` tags whose content differs per page and per
 * build, so a static policy can't list their hashes, and nonces would make every page dynamic: scripts
 * are therefore `'self' 'unsafe-inline'` (the trade-off is in the README's Security section). Styles
 * need `'unsafe-inline'` too: React `style` attributes (charts, bars) are inline styles.
 */
import { siteUrl } from './site';
import { stripeIsLocal } from './mode';

type Env = Record<string, string | undefined>;

/**
 * The path pattern the security headers are attached to in next.config.ts: every path. Written with an
 * unnamed group rather than `/:path*` on purpose: Next drops unnamed groups from a header rule's
 * params, and when a rule has no params it copies the header values as they are; with a named param
 * it runs every value that contains a colon (the CSP, with its origins and `data:`) through
 * path-to-regexp again on every request, static pages included (bench/README "Chunks fetched twice,
 * and the header rule recompiled per request": ×1.16 on the cached article).
 */
export const SECURITY_HEADERS_SOURCE = '/(.*)';

export type Header = { key: string; value: string };

/** Where Stripe's hosted pages live: Checkout and the billing portal (form posts redirect there). */
export const STRIPE_HOSTED_ORIGINS = ['https://checkout.stripe.com', 'https://billing.stripe.com'];

/** The local Stripe stand-in's origin (its hosted Checkout and portal pages) in test mode, else null. */
export function standInOrigin(env: Env = process.env): string | null {
  if (!stripeIsLocal(env)) return null;
  const publicUrl = env.STRIPE_SANDBOX_PUBLIC_URL?.trim();
  if (publicUrl) return new URL(publicUrl).origin;
  const host = env.STRIPE_API_HOST?.trim();
  if (!host) return null;
  const protocol = env.STRIPE_API_PROTOCOL?.trim() || 'https';
  const port = env.STRIPE_API_PORT?.trim();
  return new URL(`${protocol}://${host}${port ? `:${port}` : ''}`).origin;
}

export function contentSecurityPolicy(env: Env = process.env): string {
  const dev = env.NODE_ENV === 'development';
  const https = siteUrlIsHttps(env);
  const standIn = standInOrigin(env);
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'unsafe-eval' only under `next dev` (React Refresh); never in a production build.
    ['script-src', "'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    ['style-src', "'self'", "'unsafe-inline'"],
    // Article images may come from any https host (the desk's Markdown allows them); never a script.
    ['img-src', "'self'", 'data:', 'blob:', 'https:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(dev ? ['ws:', 'wss:'] : [])],
    ['media-src', "'self'"],
    ['frame-src', "'self'"],
    ['worker-src', "'self'", 'blob:'],
    ['manifest-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'self'", ...STRIPE_HOSTED_ORIGINS, ...(standIn ? [standIn] : [])],
  ];
  const text = directives.map((d) => d.join(' '));
  if (https) text.push('upgrade-insecure-requests');
  return text.join('; ');
}

function siteUrlIsHttps(env: Env): boolean {
  const url = env.SITE_URL?.trim() || siteUrl();
  return url.toLowerCase().startsWith('https:');
}

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'usb=()',
  'xr-spatial-tracking=()',
  'browsing-topics=()',
].join(', ');

/** The headers every response carries. */
export function securityHeaders(env: Env = process.env): Header[] {
  const headers: Header[] = [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(env) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
    // frame-ancestors for browsers that predate it.
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
  if (siteUrlIsHttps(env)) headers.push({ key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' });
  return headers;
}
