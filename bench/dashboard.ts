/**
 * `npm run bench -- dashboard`: the staff dashboard at scale. On a fresh PostgreSQL database
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; created, migrated and
 * dropped afterwards) it seeds BENCH_PATRONS (100,000) demo patrons with `seedDemoPatrons` (timed),
 * then measures p50/p95 of
 *   - `getDashboard` (as served, retention memoised for 5 minutes; and with retention recomputed each call) over 12 months by month (the default), 24 months by month, 3 months by week,
 *     12 months by week, and 12 months in EUR;
 *   - `searchMembers` (lib/members/members.ts) for a name, an e-mail fragment, filters, sorts and page 3;
 * each BENCH_ITERATIONS (30) times after a warm-up, and the time of a full rollup recompute
 * (`recomputeRollups`, BENCH_RECOMPUTES runs, default 3). Targets: dashboard p95 ≤ 300 ms, search
 * p95 ≤ 200 ms. Raw numbers: bench/results/dashboard.json. BENCH_DB_PREFIX names the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
};
const ms = (n: number) => Math.round(n * 10) / 10;

async function timeIt(iterations: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: plans cached, pages in memory
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50: ms(pct(times, 50)), p95: ms(pct(times, 95)), max: ms(Math.max(...times)) };
}

export async function main(): Promise<void> {
  const { createScratchDatabase } = await import('@/lib/db/testing');
  const { applyMigrations } = await import('@/lib/db/migrate');
  const { clientOnPostgres, setDbForTesting } = await import('@/lib/db/client');
  const { seedDemoPatrons } = await import('@/lib/analytics/demo-patrons');
  const { getDashboard, parseDashboardParams, clearRetentionMemo } = await import('@/lib/analytics/dashboard');
  const { recomputeRollups } = await import('@/lib/analytics/rollups');
  const { parseMemberQuery, searchMembers } = await import('@/lib/members/members');
  const { rebuildMemberSummaries, refreshMemberSummaries } = await import('@/lib/members/member-summary');
  const { getSql } = await import('@/lib/db/client');

  const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const patrons = Number(process.env.BENCH_PATRONS ?? 100_000);
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 30);
  const recomputes = Number(process.env.BENCH_RECOMPUTES ?? 3);
  const scratch = await createScratchDatabase(adminUrl, process.env.BENCH_DB_PREFIX ?? 'patronage_bench_dashboard');
  const url = new URL(scratch.url);
  const load = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

  const app = await clientOnPostgres(url.toString(), Number(process.env.DATABASE_POOL_SIZE ?? 10));
  try {
    await applyMigrations({ kind: 'postgres', url: url.toString() });
    setDbForTesting(app.prisma);
    console.log(
      `dashboard bench: ${patrons} patrons, ${iterations} iterations per case, PostgreSQL ${adminUrl.replace(/\/\/[^@]*@/, '//…@')}`,
    );
    console.log(`load average before seeding: ${load().join(' ')}`);

    const seedStarted = performance.now();
    const manifest = await seedDemoPatrons(app.prisma, { patrons, seed: 1, log: (m) => console.log(m) });
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    console.log(`seeded in ${seedSeconds} s: ${manifest.activePatrons} active patrons now, MRR ${JSON.stringify(manifest.mrrByCurrency)}`);
    await app.prisma.$executeRawUnsafe('VACUUM ANALYZE');

    const now = new Date();
    const dashboardCases: [string, Record<string, string>][] = [
      ['12 months by month (default)', {}],
      ['24 months by month', { range: '24m' }],
      ['3 months by week', { range: '3m', granularity: 'week' }],
      ['12 months by week', { granularity: 'week' }],
      ['12 months in EUR', { currency: 'EUR' }],
    ];
    const results: Record<string, unknown> = { patrons, seedSeconds, manifest, iterations, dashboard: {}, search: {}, recompute: [] };
    let figuresMatch = true;
    for (const [label, params] of dashboardCases) {
      const query = parseDashboardParams(params, now);
      const r = await timeIt(iterations, () => getDashboard(query));
      // Worst case: the retention figures (memoised 5 minutes) recomputed on every call.
      const cold = await timeIt(Math.max(5, Math.round(iterations / 3)), async () => (await clearRetentionMemo(), getDashboard(query)));
      (results.dashboard as Record<string, unknown>)[label] = { ...r, retentionRecomputed: cold };
      console.log(
        `getDashboard ${label.padEnd(30)} p50 ${r.p50} ms  p95 ${r.p95} ms  max ${r.max} ms | retention recomputed each call: p50 ${cold.p50} ms  p95 ${cold.p95} ms`,
      );
    }
    const d = await getDashboard(parseDashboardParams({}, now));
    figuresMatch =
      d.headline.activePatrons.current === manifest.activePatrons &&
      d.headline.trials.current === manifest.trials &&
      d.headline.pastDue.current === manifest.pastDue;
    console.log(`dashboard figures match the seed's manifest: ${figuresMatch}`);

    const searchCases: [string, Record<string, string>][] = [
      ['q=smith', { q: 'smith' }],
      ['q=patron123 (e-mail)', { q: 'patron123' }],
      ['patrons, tier, monthly, usd', { status: 'patron', tier: 'supporter', cadence: 'MONTH', currency: 'usd' }],
      ['voted, sorted by amount desc', { voted: 'yes', sort: 'amount', dir: 'desc' }],
      ['q=garcia, sort name, page 3', { q: 'garcia', sort: 'name', dir: 'asc', page: '3' }],
      ['everyone, joined desc, page 3', { page: '3' }],
      ['joined in 2025, past due', { status: 'past_due_grace', joinedFrom: '2025-01-01', joinedTo: '2025-12-31' }],
    ];
    for (const [label, params] of searchCases) {
      let query;
      try {
        query = parseMemberQuery(params);
      } catch (e) {
        console.log(`searchMembers ${label}: skipped (${(e as Error).message})`);
        continue;
      }
      const r = await timeIt(iterations, () => searchMembers(query));
      const { total } = await searchMembers(query);
      (results.search as Record<string, unknown>)[label] = { ...r, total };
      console.log(`searchMembers ${label.padEnd(32)} p50 ${r.p50} ms  p95 ${r.p95} ms  max ${r.max} ms  (${total} matches)`);
    }

    // The member list after webhooks have landed: 100 members' subscriptions changed since the last
    // search (amount ±1 cent, alternating, so the data ends where it began), so the search's refresh
    // recomputes their summary rows first.
    {
      const sql = await getSql();
      const changed = (await sql.query<{ id: string }>(`SELECT id FROM "Subscription" ORDER BY md5(id) LIMIT 100`, [])).map((r) => r.id);
      const query = parseMemberQuery({ status: 'patron', tier: 'supporter', cadence: 'MONTH', currency: 'usd' });
      const times: number[] = [];
      let refreshed = 0;
      for (let i = 0; i < iterations; i++) {
        await sql.query(`UPDATE "Subscription" SET amount = amount + $2::int WHERE id = ANY($1::text[])`, [changed, i % 2 ? -1 : 1]);
        const t = performance.now();
        await searchMembers(query);
        times.push(performance.now() - t);
        refreshed += await refreshMemberSummaries(); // 0 once the search has refreshed them
      }
      if (iterations % 2) await sql.query(`UPDATE "Subscription" SET amount = amount - 1 WHERE id = ANY($1::text[])`, [changed]);
      const label = 'patrons, tier, monthly, usd, after 100 subscription changes';
      const r = { p50: ms(pct(times, 50)), p95: ms(pct(times, 95)), max: ms(Math.max(...times)) };
      (results.search as Record<string, unknown>)[label] = { ...r, leftStaleAfterSearch: refreshed };
      console.log(
        `searchMembers ${label} p50 ${r.p50} ms  p95 ${r.p95} ms  max ${r.max} ms  (rows left stale after the search: ${refreshed})`,
      );
    }

    for (let i = 0; i < recomputes; i++) {
      const r = await recomputeRollups();
      (results.recompute as unknown[]).push(r);
      console.log(
        `full rollup recompute: ${(r.ms / 1000).toFixed(2)} s (${r.changes} history rows, ${r.payments} payments, ${r.rollupRows} rollup rows)`,
      );
    }
    const rebuilds: number[] = [];
    for (let i = 0; i < recomputes; i++) {
      const t = performance.now();
      const { members } = await rebuildMemberSummaries();
      rebuilds.push(performance.now() - t);
      console.log(`full member summary rebuild: ${((performance.now() - t) / 1000).toFixed(2)} s (${members} members)`);
    }
    results.summaryRebuildMs = rebuilds.map(ms);
    results.loadAverageAfter = load();
    results.figuresMatch = figuresMatch;
    console.log(`load average after: ${load().join(' ')} (${os.cpus().length} cores)`);
    const out = path.join(process.cwd(), 'bench', 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'dashboard.json'), JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2));
  } finally {
    setDbForTesting(undefined);
    await app.close();
    await scratch.drop();
  }
}
