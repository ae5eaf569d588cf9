/**
 * `npm run bench -- <name>`: benchmarks whose results are written down in bench/README.md.
 *   article   an article page on PostgreSQL (npm run serve and next start) against a bare Next.js force-static page with the same body
 *   lighthouse Lighthouse (mobile) on an article page and the home page, Debian's Chromium
 *   http-votes votes through POST /api/votes with session cookies, one node and two behind nginx, PostgreSQL
 *   newsletter one newsletter issue to 100,000 recipients into a local SMTP sink: messages/s and peak memory
 *   nginx-cache an article page through deploy/nginx.conf's micro-cache against the same nginx serving the page from disk
 *   pages     reader pages on `next start` against a plain static server (ratio), first-load JS
 *   webhooks  signed Stripe webhook deliveries/s through the webhook route on PostgreSQL (duplicates mixed in)
 *   votes     votes/s and latency with 100 concurrent patrons on PostgreSQL, budget integrity
 *   dashboard staff dashboard figures and member search p50/p95 with 100,000 demo patrons on PostgreSQL, rollup recompute time
 *   soak      memory and throughput of one node under mixed traffic for 30 minutes, on PostgreSQL and PGlite
 */
const benches: Record<string, () => Promise<unknown>> = {
  article: () => import('./article.ts').then((m) => m.main()),
  lighthouse: () => import('./lighthouse.ts').then((m) => m.main()),
  'http-votes': () => import('./http-votes.ts').then((m) => m.main()),
  newsletter: () => import('./newsletter.ts').then((m) => m.main()),
  'nginx-cache': () => import('./nginx-cache.ts').then((m) => m.main()),
  pages: () => import('./pages.ts').then((m) => m.main()),
  webhooks: () => import('./webhooks.ts').then((m) => m.main()),
  votes: () => import('./votes.ts').then((m) => m.main()),
  dashboard: () => import('./dashboard.ts').then((m) => m.main()),
  soak: () => import('./soak.ts').then((m) => m.main()),
};

const chosen = process.argv[2];
const run = chosen ? benches[chosen] : undefined;
if (!run) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
run().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});

export {};
