/**
 * `npm run bench -- <name>`: benchmarks whose results are written down in bench/README.md.
 *   pages     reader pages on `next start` against a plain static server (ratio), first-load JS
 */
const benches: Record<string, () => Promise<unknown>> = {
  pages: () => import('./pages.ts').then((m) => m.main()),
};

const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
bench().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
