/**
 * `npm run bench -- votes`: 100 concurrent patrons casting and withdrawing votes through `castVote` /
 * `withdrawVote` for ~10 s on a fresh PostgreSQL database (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres; dropped afterwards). Reports operations/s, votes/s,
 * p50/p99 latency, and verifies that no ballot exceeded its budget and that counts equal stored votes.
 * Env: BENCH_SECONDS (10), BENCH_PATRONS (100), BENCH_TOPICS (10).
 */
import { performance } from 'node:perf_hooks';

export async function main(): Promise<{ opsPerSec: number; votesPerSec: number; p50: number; p99: number; ok: boolean }> {
  process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const { createTestDb } = await import('@/lib/db/testing');
  const { castVote, withdrawVote, roundResults } = await import('@/lib/voting/votes');
  const { VotingError } = await import('@/lib/voting/shared');
  const { makePatron, makeRound, makeTopics } = await import('@/lib/voting/testing');

  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const nPatrons = Number(process.env.BENCH_PATRONS ?? 100);
  const nTopics = Number(process.env.BENCH_TOPICS ?? 10);
  const db = await createTestDb();
  try {
    const p = db.prisma;
    const round = await makeRound(p, { votesPerPatron: 3 });
    const topics = (await makeTopics(p, round.id, nTopics)).map((t) => t.id);
    const patrons = [];
    for (let i = 0; i < nPatrons; i++) patrons.push((await makePatron(p)).id);
    console.log(`votes bench: ${nPatrons} patrons, ${nTopics} topics, ${seconds}s, PostgreSQL ${db.url?.replace(/\/\/[^@]*@/, '//…@')}`);

    // Warm up (connections, query plans).
    for (const u of patrons.slice(0, 10)) {
      await castVote(u, topics[0]!);
      await withdrawVote(u, topics[0]!);
    }

    const latencies: number[] = [];
    let casts = 0;
    let withdraws = 0;
    let refusals = 0;
    const unexpected: unknown[] = [];
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      patrons.map(async (u, i) => {
        const held = new Set<string>();
        let k = i;
        while (performance.now() < deadline) {
          const topic = topics[(k = (k * 7 + 3) % nTopics)]!;
          const t0 = performance.now();
          try {
            if (held.has(topic) || held.size >= 3) {
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
            if (err instanceof VotingError) refusals++;
            else unexpected.push(err);
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;

    const overBudget = await p.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Ballot" WHERE used > budget OR used < 0`;
    const mismatch = await p.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Ballot" b
      WHERE b.used <> (SELECT count(*) FROM "Vote" v WHERE v."userId" = b."userId" AND v."roundId" = b."roundId")`;
    const stored = await p.vote.count({ where: { roundId: round.id } });
    const results = await roundResults(round.id, { viewer: { id: 'bench', role: 'ADMIN' } });
    const counted = results!.topics.reduce((s, t) => s + (t.votes ?? 0), 0);
    const audits = await p.voteAudit.groupBy({ by: ['action'], where: { roundId: round.id }, _count: { _all: true } });
    const auditBy = Object.fromEntries(audits.map((a) => [a.action, a._count._all]));
    const auditNet = (auditBy.cast ?? 0) - (auditBy.withdrawn ?? 0);
    const ok = overBudget[0]!.n === 0 && mismatch[0]!.n === 0 && counted === stored && auditNet === stored && unexpected.length === 0;

    const ops = casts + withdraws;
    const report = {
      opsPerSec: Math.round(ops / elapsed),
      votesPerSec: Math.round(casts / elapsed),
      p50: Number(pct(0.5).toFixed(2)),
      p99: Number(pct(0.99).toFixed(2)),
      ok,
    };
    console.log(`  elapsed            ${elapsed.toFixed(1)} s`);
    console.log(`  operations         ${ops} (${casts} casts, ${withdraws} withdraws, ${refusals} refusals, ${unexpected.length} errors)`);
    console.log(`  throughput         ${report.opsPerSec} ops/s, ${report.votesPerSec} votes cast/s`);
    console.log(`  latency            p50 ${report.p50} ms, p99 ${report.p99} ms`);
    console.log(`  ballots over budget ${overBudget[0]!.n}; ballots ≠ stored votes ${mismatch[0]!.n}; result counts ${counted} = stored ${stored}: ${counted === stored}; audit net ${auditNet}`);
    console.log(`  verdict            ${ok ? 'OK' : 'FAILED'}${report.votesPerSec >= 1000 ? '' : ' (below the 1,000 votes/s target)'}`);
    if (unexpected.length) console.error(unexpected.slice(0, 3));
    if (!ok) process.exitCode = 1;
    return report;
  } finally {
    await db.close();
  }
}

// Direct run: `npx tsx bench/votes.ts`
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
