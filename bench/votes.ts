/**
 * `npm run bench -- votes`: 100 concurrent patrons casting and withdrawing votes through `castVote` /
 * `withdrawVote` (patron status checked on every cast) for ~10 s, on a fresh PostgreSQL database per
 * run (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; created, migrated and
 * dropped afterwards). Reports votes cast/s, operations/s (casts + withdrawals + refusals), p50/p99
 * latency, the CPU spent per operation by this Node process and by PostgreSQL, and verifies that no
 * ballot exceeded its budget, that ballots, stored votes, result counts and the audit trail agree.
 *
 * Two workloads (BENCH_WORKLOAD), both with 100 patrons voting at the same moment:
 * - `opening` (default): a round has just opened and the community votes. A queue of patrons
 *   (BENCH_POPULATION, 30,000, bulk-created) is served by 100 concurrent voters; each patron casts its
 *   whole budget (3) on topics skewed towards the popular ones, 10% then try a 4th vote (refused by the
 *   budget) and 5% change their mind (withdraw one, cast another).
 * - `churn`: the same 100 patrons for the whole run, each walking the topics in its own order: a topic
 *   it already voted for is withdrawn, a full ballot gives one vote back, otherwise it casts. About
 *   half of the operations are withdrawals and ballots are full much of the time; with BENCH_OVERREACH
 *   (0.1) a patron with a full ballot tries one more cast instead, which the budget refuses.
 *
 * Env: BENCH_WORKLOAD (opening | churn), BENCH_RUNS (3, medians reported), BENCH_SECONDS (10),
 * BENCH_PATRONS (100 concurrent), BENCH_POPULATION (30000, opening only), BENCH_TOPICS (10),
 * BENCH_POOL_SIZE (connections; default DATABASE_POOL_SIZE or 10, the app's default),
 * BENCH_OVERREACH (0.1), BENCH_JOINED_BEFORE (1: the round only lets patrons who joined before it opened
 * vote, the rule checked inside the cast statement; every bench patron joined 40 days before).
 * Raw numbers: bench/results/votes-<workload>.json (votes-<workload>-joined-before.json with the rule).
 */
import fs from 'node:fs';
import { machineTicks, pgBackendCpuSeconds } from './cpu';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

type RunResult = {
  seconds: number;
  casts: number;
  withdraws: number;
  refusals: number;
  errors: number;
  votesPerSec: number;
  opsPerSec: number;
  p50: number;
  p99: number;
  /** CPU time per operation, µs: this Node process, and PostgreSQL backends serving the bench's database. */
  nodeCpuPerOp: number;
  pgCpuPerOp: number | null;
  /** Statements sent to PostgreSQL per operation (the patron-status reads of concurrent casts share one). */
  statementsPerOp: number;
  /** Share of the machine's CPU time (all cores) that was busy during the timed phase, 0..1. */
  machineBusy: number | null;
  ok: boolean;
};

/** Statements sent to PostgreSQL (Prisma and getSql both end in pg.Client#query). */
let statements = 0;
async function countStatements(): Promise<void> {
  const { default: pg } = await import('pg');
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown; __votesCounted?: boolean };
  if (proto.__votesCounted) return;
  proto.__votesCounted = true;
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    statements++;
    return original.apply(this, args);
  };
}

/** Summed user+system CPU (µs) of PostgreSQL backends whose title names `database` (local server, Linux only). */
function pgBackendCpu(database: string): number | null {
  const seconds = pgBackendCpuSeconds(database);
  return seconds === null ? null : seconds * 1e6;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
};

async function runOnce(run: number): Promise<RunResult> {
  const { createTestDb } = await import('@/lib/db/testing');
  const { clientOnPostgres, setDbForTesting } = await import('@/lib/db/client');
  const { castVote, withdrawVote, roundResults } = await import('@/lib/voting/votes');
  const { VotingError } = await import('@/lib/voting/rules');
  const { makePatron, makeRound, makeTopics } = await import('@/lib/voting/testing');

  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const nPatrons = Number(process.env.BENCH_PATRONS ?? 100);
  const nTopics = Number(process.env.BENCH_TOPICS ?? 10);
  const poolSize = Number(process.env.BENCH_POOL_SIZE ?? process.env.DATABASE_POOL_SIZE ?? 10);
  const overreach = Number(process.env.BENCH_OVERREACH ?? 0.1);
  const workload = process.env.BENCH_WORKLOAD === 'churn' ? 'churn' : 'opening';
  const population = workload === 'opening' ? Number(process.env.BENCH_POPULATION ?? 30_000) : nPatrons;
  const budget = 3;
  const joinedBefore = process.env.BENCH_JOINED_BEFORE === '1';

  // The test database's own client sets things up and checks them; the code under test runs on a
  // client with the app's pool size, as it would in production.
  const db = await createTestDb({ useAsAppDb: false });
  const app = await clientOnPostgres(db.url!, poolSize);
  setDbForTesting(app.prisma);
  try {
    const p = db.prisma;
    const round = await makeRound(p, { votesPerPatron: budget, joinedBeforeOpenOnly: joinedBefore });
    const topics = (await makeTopics(p, round.id, nTopics)).map((t) => t.id);
    const patrons: string[] = [];
    for (let i = 0; i < nPatrons; i++) patrons.push((await makePatron(p)).id);
    // The queue of the opening workload: patrons with an active subscription, created in bulk.
    const queue: string[] = [];
    if (workload === 'opening') {
      await p.$executeRawUnsafe(`
        INSERT INTO "User" (id, email, "updatedAt")
        SELECT 'bench-u' || g, 'bench-' || g || '@example.test', now() AT TIME ZONE 'UTC' FROM generate_series(1, ${population}) g`);
      await p.$executeRawUnsafe(`
        INSERT INTO "Subscription" (id, "userId", "customerId", status, "stripePriceId", currency, interval, amount, "currentPeriodStart", "currentPeriodEnd", "startedAt")
        SELECT 'sub_bench' || g, 'bench-u' || g, 'cus_bench' || g, 'active', 'price_test', 'eur', 'MONTH', 500,
               (now() - interval '10 days') AT TIME ZONE 'UTC', (now() + interval '20 days') AT TIME ZONE 'UTC', (now() - interval '40 days') AT TIME ZONE 'UTC'
        FROM generate_series(1, ${population}) g`);
      for (let g = 1; g <= population; g++) queue.push(`bench-u${g}`);
    }
    const database = new URL(db.url!).pathname.slice(1);
    if (run === 1)
      console.log(
        `votes bench (${workload}): ${nPatrons} concurrent patrons${workload === 'opening' ? ` from a queue of ${population}` : ''}, ${nTopics} topics, budget ${budget}${joinedBefore ? ', joined-before-open rule on' : ''}, pool ${poolSize}, ${seconds}s per run, PostgreSQL ${db.url?.replace(/\/\/[^@]*@/, '//…@')}`,
      );

    // Warm up: open the pool's connections and let PostgreSQL cache the plans.
    await Promise.all(
      patrons.slice(0, poolSize * 2).map(async (u) => {
        await castVote(u, topics[0]!);
        await withdrawVote(u, topics[0]!);
      }),
    );

    const latencies: number[] = [];
    let casts = 0;
    let withdraws = 0;
    let refusals = 0;
    const unexpected: unknown[] = [];
    const statements0 = statements;
    const cpu0 = process.cpuUsage();
    const pg0 = pgBackendCpu(database);
    const m0 = machineTicks();
    const started = performance.now();
    const deadline = started + seconds * 1000;
    // Topic popularity is skewed: topic k is picked with weight 1/(k+1).
    const weights = topics.map((_, k) => 1 / (k + 1));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const pickTopic = (exclude: Set<string>) => {
      for (;;) {
        let r = Math.random() * totalWeight;
        let k = 0;
        while (r > weights[k]! && k < topics.length - 1) r -= weights[k++]!;
        if (!exclude.has(topics[k]!)) return topics[k]!;
      }
    };
    const timed = async (op: () => Promise<unknown>, kind: 'cast' | 'withdraw' | 'overreach') => {
      const t0 = performance.now();
      try {
        await op();
        if (kind === 'withdraw') withdraws++;
        else if (kind === 'cast') casts++;
        else unexpected.push(new Error('a 4th vote was accepted'));
      } catch (err) {
        if (kind === 'overreach' && err instanceof VotingError && err.code === 'BUDGET') refusals++;
        else unexpected.push(err);
      }
      latencies.push(performance.now() - t0);
    };
    let next = 0;
    const opening = async () => {
      while (performance.now() < deadline && next < queue.length) {
        const u = queue[next++]!;
        const held = new Set<string>();
        for (let v = 0; v < budget && performance.now() < deadline; v++) {
          const topic = pickTopic(held);
          held.add(topic);
          await timed(() => castVote(u, topic), 'cast');
        }
        if (held.size === budget && Math.random() < overreach) {
          const extra = pickTopic(held);
          await timed(() => castVote(u, extra), 'overreach');
        }
        if (held.size === budget && Math.random() < 0.05) {
          const drop = [...held][0]!;
          await timed(() => withdrawVote(u, drop), 'withdraw');
          held.delete(drop);
          const other = pickTopic(new Set([...held, drop]));
          await timed(() => castVote(u, other), 'cast');
        }
      }
    };
    if (workload === 'opening') await Promise.all(patrons.map(() => opening()));
    else
      await Promise.all(
        patrons.map(async (u, i) => {
          const held = new Set<string>();
          let k = i;
          while (performance.now() < deadline) {
            k = (k * 7 + 3) % nTopics;
            const topic = topics[k]!;
            const full = held.size >= budget;
            const t0 = performance.now();
            try {
              if (held.has(topic) || (full && Math.random() >= overreach)) {
                const drop = held.has(topic) ? topic : [...held][k % held.size]!;
                await withdrawVote(u, drop);
                held.delete(drop);
                withdraws++;
              } else {
                await castVote(u, topic);
                held.add(topic);
                casts++;
              }
            } catch (err) {
              if (err instanceof VotingError && err.code === 'BUDGET' && full) refusals++;
              else unexpected.push(err);
            }
            latencies.push(performance.now() - t0);
          }
        }),
      );
    const elapsed = (performance.now() - started) / 1000;
    if (workload === 'opening' && next >= queue.length)
      console.warn(`  the queue of ${population} patrons ran out before ${seconds}s: raise BENCH_POPULATION`);
    const cpu = process.cpuUsage(cpu0);
    const sent = statements - statements0;
    const pg1 = pgBackendCpu(database);
    const m1 = machineTicks();
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;

    const [overBudget] = await p.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Ballot" WHERE used > budget OR used < 0`;
    const [mismatch] = await p.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Ballot" b
      WHERE b.used <> (SELECT count(*) FROM "Vote" v WHERE v."userId" = b."userId" AND v."roundId" = b."roundId")`;
    const stored = await p.vote.count({ where: { roundId: round.id } });
    const results = await roundResults(round.id, { viewer: { id: 'bench', role: 'ADMIN' } });
    const counted = results!.topics.reduce((s, t) => s + (t.votes ?? 0), 0);
    const audits = await p.voteAudit.groupBy({ by: ['action'], where: { roundId: round.id }, _count: { _all: true } });
    const auditBy = Object.fromEntries(audits.map((a) => [a.action, a._count._all]));
    const auditNet = (auditBy.cast ?? 0) - (auditBy.withdrawn ?? 0);
    const ok = overBudget!.n === 0 && mismatch!.n === 0 && counted === stored && auditNet === stored && unexpected.length === 0;

    const ops = casts + withdraws + refusals;
    const result: RunResult = {
      seconds: Number(elapsed.toFixed(2)),
      casts,
      withdraws,
      refusals,
      errors: unexpected.length,
      votesPerSec: Math.round(casts / elapsed),
      opsPerSec: Math.round(ops / elapsed),
      p50: Number(pct(0.5).toFixed(1)),
      p99: Number(pct(0.99).toFixed(1)),
      nodeCpuPerOp: Math.round((cpu.user + cpu.system) / ops),
      pgCpuPerOp: pg0 !== null && pg1 !== null ? Math.round((pg1 - pg0) / ops) : null,
      statementsPerOp: Number((sent / ops).toFixed(2)),
      machineBusy: m0 && m1 ? Number(((m1[0] - m0[0]) / (m1[1] - m0[1])).toFixed(2)) : null,
      ok,
    };
    console.log(
      `run ${run}: ${result.votesPerSec} votes cast/s, ${result.opsPerSec} ops/s (${casts} casts, ${withdraws} withdrawals, ${refusals} refused by the budget, ${unexpected.length} errors), ` +
        `p50 ${result.p50} ms, p99 ${result.p99} ms; ${result.statementsPerOp} statements/op; CPU per op: Node ${result.nodeCpuPerOp} µs, PostgreSQL ${result.pgCpuPerOp ?? '?'} µs; machine busy ${result.machineBusy === null ? '?' : Math.round(result.machineBusy * 100) + '%'}`,
    );
    console.log(
      `  integrity: ballots over budget ${overBudget!.n}; ballots ≠ stored votes ${mismatch!.n}; result counts ${counted} = stored ${stored}: ${counted === stored}; audit net ${auditNet}: ${auditNet === stored} → ${ok ? 'OK' : 'FAILED'}`,
    );
    if (unexpected.length) console.error(unexpected.slice(0, 3));
    return result;
  } finally {
    setDbForTesting(undefined);
    await app.close();
    await db.close();
  }
}

export async function main(): Promise<{
  runs: RunResult[];
  votesPerSec: number;
  opsPerSec: number;
  p50: number;
  p99: number;
  ok: boolean;
}> {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const nRuns = Number(process.env.BENCH_RUNS ?? 3);
  await countStatements();
  const runs: RunResult[] = [];
  for (let i = 1; i <= nRuns; i++) runs.push(await runOnce(i));
  const ok = runs.every((r) => r.ok);
  const summary = {
    runs,
    votesPerSec: median(runs.map((r) => r.votesPerSec)),
    opsPerSec: median(runs.map((r) => r.opsPerSec)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    nodeCpuPerOp: median(runs.map((r) => r.nodeCpuPerOp)),
    pgCpuPerOp: runs.every((r) => r.pgCpuPerOp !== null) ? median(runs.map((r) => r.pgCpuPerOp!)) : null,
    statementsPerOp: median(runs.map((r) => r.statementsPerOp)),
    ok,
  };
  console.log(
    `medians of ${nRuns}: ${summary.votesPerSec} votes cast/s, ${summary.opsPerSec} ops/s, p50 ${summary.p50} ms, p99 ${summary.p99} ms; ${summary.statementsPerOp} statements/op; CPU per op: Node ${summary.nodeCpuPerOp} µs, PostgreSQL ${summary.pgCpuPerOp ?? '?'} µs`,
  );
  console.log(
    `verdict: ${ok ? 'integrity OK in every run' : 'integrity FAILED'}; ${summary.votesPerSec >= 1000 ? 'meets' : 'below'} the 1,000 votes/s target`,
  );
  const out = path.join(process.cwd(), 'bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  const workload = process.env.BENCH_WORKLOAD === 'churn' ? 'churn' : 'opening';
  const joinedBefore = process.env.BENCH_JOINED_BEFORE === '1';
  fs.writeFileSync(
    path.join(out, `votes-${workload}${joinedBefore ? '-joined-before' : ''}.json`),
    JSON.stringify({ at: new Date().toISOString(), workload, joinedBefore, ...summary }, null, 2),
  );
  if (!ok) process.exitCode = 1;
  return summary;
}

// Direct run: `npx tsx bench/votes.ts`
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
