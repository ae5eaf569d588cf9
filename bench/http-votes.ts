/**
 * `npm run bench -- http-votes`: votes through HTTP, `POST /api/votes` with real session cookies (rows
 * in Session, as next-auth's database strategy stores them), on PostgreSQL: one node against two nodes
 * (`npm run serve` ×2 after one `npm run build`, one scratch database: bench/pg-nodes.ts), each behind
 * a minimal nginx round-robin upstream written to a temporary folder. The abuse limit on votes is off
 * (one client machine sends everything).
 *
 * Each timed run gets its own open round with BENCH_TOPICS (10) topics; wrk -c100 drives BENCH_PATRONS
 * (2,000) signed-in patrons, each walking cast t1, withdraw t1, cast t2, withdraw t2… so no ballot
 * exceeds its budget and every answer should be 200. Rounds interleave one node / two nodes,
 * BENCH_REPEATS (3) × BENCH_SECONDS (10) s; medians of 2xx answers/s (= votes cast or withdrawn per
 * second), p50/p99, and the CPU seconds per 1,000 requests of the node processes, nginx and the
 * PostgreSQL backends. Raw numbers: bench/results/http-votes.json. BENCH_CPU_PROFILE=<dir> writes the
 * nodes' V8 CPU profiles there.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { machineTicks, pgBackendCpuSeconds } from './cpu';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { median, saveResult } from './load.ts';
import { BENCH_PORT, databaseUrl, dbName, prepareNodes, processTreeCpuSeconds, startNode } from './pg-nodes.ts';

const exec = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const PATRONS = Number(process.env.BENCH_PATRONS ?? 2000);
const TOPICS = Number(process.env.BENCH_TOPICS ?? 10);
const CONNECTIONS = 100;
const DAY = 86_400_000;
const nodeEnvExtra: Record<string, string> = {
  LIMIT_VOTES: 'off',
  // BENCH_CPU_PROFILE=<dir>: the nodes write V8 CPU profiles there when they stop (where the time goes).
  ...(process.env.BENCH_CPU_PROFILE
    ? {
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require=${path.resolve('bench/cpu-profiler.cjs')}`.trim(),
        BENCH_CPU_PROFILE_DIR: path.resolve(process.env.BENCH_CPU_PROFILE),
      }
    : {}),
};

async function openDb() {
  const { openMigratedDatabase } = await import('@/lib/db/client');
  return openMigratedDatabase({ kind: 'postgres', url: databaseUrl } as never);
}

/** PATRONS users with an active subscription and a session each; returns their cookies. */
async function seedPatrons(): Promise<string[]> {
  const { prisma, close } = await openDb();
  try {
    const now = Date.now();
    const tag = randomBytes(4).toString('hex');
    const users = Array.from({ length: PATRONS }, (_, i) => ({
      id: `bench-hv-${tag}-${i}`,
      email: `hv-${tag}-${i}@example.test`,
      name: `Bench patron ${i}`,
      role: 'READER' as const,
    }));
    await prisma.user.createMany({ data: users });
    await prisma.subscription.createMany({
      data: users.map((u, i) => ({
        id: `sub_hv_${tag}_${i}`,
        userId: u.id,
        customerId: `cus_hv_${tag}_${i}`,
        status: 'active',
        stripePriceId: 'price_bench',
        currency: 'eur',
        interval: 'MONTH' as const,
        amount: 500,
        currentPeriodStart: new Date(now - 10 * DAY),
        currentPeriodEnd: new Date(now + 20 * DAY),
        startedAt: new Date(now - 40 * DAY),
      })),
    });
    const tokens = users.map(() => randomBytes(24).toString('hex'));
    await prisma.session.createMany({
      data: users.map((u, i) => ({ sessionToken: tokens[i]!, userId: u.id, expires: new Date(now + DAY) })),
    });
    return tokens.map((t) => `next-auth.session-token=${t}`);
  } finally {
    await close();
  }
}

/** An open round (budget 3) with TOPICS topics; returns the topic ids. */
async function newRound(): Promise<string[]> {
  const { prisma, close } = await openDb();
  try {
    const { makeRound, makeTopics } = await import('@/lib/voting/testing');
    const round = await makeRound(prisma, { title: `HTTP votes bench ${new Date().toISOString()}`, votesPerPatron: 3 });
    return (await makeTopics(prisma, round.id, TOPICS)).map((t) => t.id);
  } finally {
    await close();
  }
}

/** wrk's Lua: threads split the patrons; each patron walks cast t1, withdraw t1, cast t2, … */
function wrkScript(cookies: string[], topics: string[]): string {
  const list = (xs: string[]) => `{${xs.map((x) => JSON.stringify(x)).join(',')}}`;
  return `
local cookies = ${list(cookies)}
local topics = ${list(topics)}
local nthreads = 2
local counter = 0
function setup(thread) thread:set("tid", counter); counter = counter + 1 end
function init(args)
  per = math.floor(#cookies / nthreads); first = tid * per; k = 0
  statuses = {}
end
function request()
  local i = first + (k % per)
  local op = math.floor(k / per)
  k = k + 1
  local topic = topics[(math.floor(op / 2) % #topics) + 1]
  local action = (op % 2 == 0) and "cast" or "withdraw"
  return wrk.format("POST", "/api/votes", { ["Content-Type"] = "application/json", ["Cookie"] = cookies[i + 1] },
    '{"topicId":"' .. topic .. '","action":"' .. action .. '"}')
end
`;
}

type Run = {
  nodes: number;
  rps2xx: number;
  rps: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  cpuPer1000: { nodes: number; nginx: number; postgres: number | null };
  machineBusy: number | null;
};

function wrkDuration(text: string): number {
  const m = /([\d.]+)(us|ms|s|m)\b/.exec(text.trim());
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 'ms' ? v : m[2] === 's' ? v * 1000 : v * 60_000;
}

function nginxConf(dir: string, port: number, upstreams: number[]): string {
  return `worker_processes 1;
pid ${dir}/nginx-${port}.pid;
error_log ${dir}/error-${port}.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream app { ${upstreams.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`;
}

async function startNginx(dir: string, port: number, upstreams: number[]) {
  const conf = path.join(dir, `nginx-${port}.conf`);
  fs.writeFileSync(conf, nginxConf(dir, port, upstreams));
  await exec('/usr/sbin/nginx', ['-p', dir, '-c', conf, '-e', path.join(dir, `error-${port}.log`)]);
  for (let i = 0; i < 50 && !fs.existsSync(path.join(dir, `nginx-${port}.pid`)); i++) await new Promise((r) => setTimeout(r, 100));
  const pid = Number(fs.readFileSync(path.join(dir, `nginx-${port}.pid`), 'utf8'));
  const stop = () => {
    try {
      process.kill(pid, 'SIGQUIT');
    } catch {}
  };
  process.on('exit', stop);
  return { pid, stop };
}

export async function main(): Promise<void> {
  const load1 = os.loadavg();
  await prepareNodes();
  const a = await startNode(BENCH_PORT + 1, nodeEnvExtra);
  const b = await startNode(BENCH_PORT + 2, nodeEnvExtra);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patronage-http-votes-'));
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, d));
  // The one-node and two-node front doors; SITE_URL's port (BENCH_PORT) is the two-node one.
  const one = await startNginx(dir, BENCH_PORT + 5, [a.port]);
  const two = await startNginx(dir, BENCH_PORT, [a.port, b.port]);
  try {
    console.log(`Seeding ${PATRONS} patrons with sessions…`);
    const cookies = await seedPatrons();
    const runs: Run[] = [];
    const setups = [
      { nodes: 1, port: BENCH_PORT + 5, pids: [a.child.pid!], nginx: one.pid },
      { nodes: 2, port: BENCH_PORT, pids: [a.child.pid!, b.child.pid!], nginx: two.pid },
    ];
    // Warm both paths (compiles the route, fills the pools).
    for (const s of setups) {
      const topics = await newRound();
      fs.writeFileSync(path.join(dir, 'warm.lua'), wrkScript(cookies, topics));
      await exec('wrk', ['-t2', '-c50', '-d3s', '-s', path.join(dir, 'warm.lua'), `http://127.0.0.1:${s.port}/api/votes`]);
    }
    for (let r = 0; r < REPEATS; r++) {
      for (const s of r % 2 ? [...setups].reverse() : setups) {
        const topics = await newRound();
        const script = path.join(dir, `run-${r}-${s.nodes}.lua`);
        fs.writeFileSync(script, wrkScript(cookies, topics));
        const cpu0 = await Promise.all([...s.pids.map(processTreeCpuSeconds), processTreeCpuSeconds(s.nginx)]);
        const pg0 = pgBackendCpuSeconds(dbName);
        const m0 = machineTicks();
        const { stdout } = await exec(
          'wrk',
          ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', '-s', script, `http://127.0.0.1:${s.port}/api/votes`],
          { maxBuffer: 1 << 20 },
        );
        const cpu1 = await Promise.all([...s.pids.map(processTreeCpuSeconds), processTreeCpuSeconds(s.nginx)]);
        const pg1 = pgBackendCpuSeconds(dbName);
        const m1 = machineTicks();
        const total = Number(/(\d+) requests in/.exec(stdout)?.[1]);
        const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
        const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
        const errors = sockErr
          ? sockErr
              .slice(1)
              .map(Number)
              .reduce((x, y) => x + y, 0)
          : 0;
        const seconds = wrkDuration(/requests in ([\d.]+\w+)/.exec(stdout)?.[1] ?? `${SECONDS}s`) / 1000;
        const per1000 = (x: number) => Math.round((x / Math.max(1, total)) * 1000 * 1000) / 1000;
        const nodeCpu = cpu1.slice(0, -1).reduce((x, y) => x + y, 0) - cpu0.slice(0, -1).reduce((x, y) => x + y, 0);
        const run: Run = {
          nodes: s.nodes,
          rps2xx: Math.round((total - non2xx) / seconds),
          rps: Math.round(total / seconds),
          non2xx,
          errors,
          p50Ms: wrkDuration(/\s50%\s+(\S+)/.exec(stdout)?.[1] ?? ''),
          p99Ms: wrkDuration(/\s99%\s+(\S+)/.exec(stdout)?.[1] ?? ''),
          cpuPer1000: {
            nodes: per1000(nodeCpu),
            nginx: per1000(cpu1.at(-1)! - cpu0.at(-1)!),
            postgres: pg0 === null || pg1 === null ? null : per1000(pg1 - pg0),
          },
          machineBusy: m0 && m1 ? Math.round(((m1[0] - m0[0]) / (m1[1] - m0[1])) * 100) / 100 : null,
        };
        runs.push(run);
        console.log(
          `round ${r + 1}, ${s.nodes} node(s): ${run.rps2xx} votes/s (2xx), ${run.non2xx} non-2xx, ${run.errors} socket errors, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, CPU s per 1,000 requests: nodes ${run.cpuPer1000.nodes}, nginx ${run.cpuPer1000.nginx}, PostgreSQL ${run.cpuPer1000.postgres}; machine busy ${run.machineBusy}`,
        );
      }
    }
    const summary = [1, 2].map((n) => {
      const rs = runs.filter((x) => x.nodes === n);
      return {
        nodes: n,
        votesPerSec: median(rs.map((x) => x.rps2xx)),
        all: rs.map((x) => x.rps2xx),
        p50Ms: median(rs.map((x) => x.p50Ms)),
        p99Ms: median(rs.map((x) => x.p99Ms)),
        non2xx: rs.reduce((x, y) => x + y.non2xx, 0),
        errors: rs.reduce((x, y) => x + y.errors, 0),
        cpuPer1000: {
          nodes: median(rs.map((x) => x.cpuPer1000.nodes)),
          nginx: median(rs.map((x) => x.cpuPer1000.nginx)),
          postgres: median(rs.map((x) => x.cpuPer1000.postgres ?? NaN)),
        },
      };
    });
    const ratios = runs.filter((x) => x.nodes === 2).map((x, i) => x.rps2xx / runs.filter((y) => y.nodes === 1)[i]!.rps2xx);
    const result = {
      date: new Date().toISOString(),
      database: dbName,
      loadAverageBefore: load1,
      loadAverageAfter: os.loadavg(),
      patrons: PATRONS,
      topics: TOPICS,
      seconds: SECONDS,
      repeats: REPEATS,
      connections: CONNECTIONS,
      summary,
      ratioTwoToOne: median(ratios),
      runs,
    };
    saveResult('http-votes', result, load1);
    console.log(
      '| nodes | votes/s (2xx; median, all runs) | p50 / p99 ms | non-2xx, socket errors | CPU s per 1,000 votes: nodes / nginx / PostgreSQL |\n|---|---|---|---|---|',
    );
    for (const s of summary)
      console.log(
        `| ${s.nodes} | ${s.votesPerSec} (${s.all.join(', ')}) | ${s.p50Ms} / ${s.p99Ms} | ${s.non2xx}, ${s.errors} | ${s.cpuPer1000.nodes} / ${s.cpuPer1000.nginx} / ${s.cpuPer1000.postgres} |`,
      );
    console.log(`two nodes / one node: ${median(ratios).toFixed(2)} (per-round ratios ${ratios.map((x) => x.toFixed(2)).join(', ')})`);
  } finally {
    one.stop();
    two.stop();
    a.stop();
    b.stop();
  }
}
