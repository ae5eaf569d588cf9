/**
 * `npm run bench -- <name>`: benchmarks whose results are written down in bench/README.md.
 *   pages     reader pages on `next start` against a plain static server (ratio), first-load JS
 *   webhooks  signed Stripe webhook deliveries/s through the webhook route on PostgreSQL (duplicates mixed in)
 *   votes     votes/s and latency with 100 concurrent patrons on PostgreSQL, budget integrity
 *   dashboard staff dashboard figures and member search p50/p95 with 100,000 demo patrons on PostgreSQL, rollup recompute time
 *   soak      memory and throughput of one node under mixed traffic for 30 minutes, on PostgreSQL and PGlite
 */
const benches: Record<string, () => Promise<unknown>> = {
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
