/**
 * App nodes on PostgreSQL for the HTTP benches (article, http-votes): one scratch database with the
 * demo newsroom, one `npm run build` (only when the build is missing or stale), and `npm run serve`
 * processes started on ports of our choice. Every node is started with the settings the build was
 * made with (SITE_URL names the port nginx listens on in http-votes, BENCH_PORT).
 *
 * Env: BENCH_DATABASE_URL (server, default postgres://postgres@127.0.0.1:5432/postgres), BENCH_DB
 * (scratch database name, default patronage_bench_speed; kept between runs, BENCH_FRESH_DB=1 recreates
 * it), BENCH_PORT (3410; nodes get the ports after it), NEXT_DIST_DIR (.next-speed).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkBuild } from '../scripts/build-stamp.ts';

const exec = promisify(execFile);
const root = process.cwd();
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

export const BENCH_PORT = Number(process.env.BENCH_PORT ?? 3410);
const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const dbName = process.env.BENCH_DB ?? 'patronage_bench_speed';
export const databaseUrl = (() => {
  const u = new URL(server);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

/** The settings every node and the build share (a build bakes SITE_URL and the stand-in port into its headers). */
export function nodeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SITE_URL: `http://127.0.0.1:${BENCH_PORT}`,
    PORT: String(BENCH_PORT),
    NEXTAUTH_SECRET: 'speed-bench-secret-0123456789abcdef0123456789',
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-speed',
    STRIPE_SANDBOX_PORT: String(BENCH_PORT + 80),
    EMAIL_SERVER: '',
    STRIPE_SECRET_KEY: '',
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  };
}

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(tsx, args, { env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

/** The scratch database with the demo newsroom, and a build of the current sources for it. */
export async function prepareNodes(): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    if (process.env.BENCH_FRESH_DB === '1') await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount;
    if (!exists) {
      await admin.query(`CREATE DATABASE "${dbName}"`);
      console.log(`Created ${dbName}; seeding the demo newsroom…`);
      await run(['scripts/demo.ts', 'seed'], nodeEnv());
    }
  } finally {
    await admin.end();
  }
  const env = nodeEnv();
  const check = checkBuild(root, env.NEXT_DIST_DIR!, { env });
  // SKIP_BUILD=1 (as for npm run serve): serve whatever build is there, e.g. to profile it.
  if (!check.ok && process.env.SKIP_BUILD === '1') console.log(`SKIP_BUILD=1: ${check.problem}`);
  else if (!check.ok) {
    console.log(`${check.problem}\nBuilding (npm run build)…`);
    await run(['scripts/build.ts'], env);
  }
}

export type Node = { port: number; child: ChildProcess; stop: () => void };

/** One `npm run serve` process on `port`, answering. */
export async function startNode(port: number, extra: Record<string, string> = {}): Promise<Node> {
  const child = spawn(tsx, ['scripts/serve.ts'], {
    env: nodeEnv({ PORT: String(port), ...extra }),
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
  };
  process.on('exit', stop);
  await waitFor(`http://127.0.0.1:${port}/api/health`, child);
  return { port, child, stop };
}

export async function waitFor(url: string, child: ChildProcess, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the process for ${url} exited during start-up`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer`);
}

/** User+system CPU seconds of a process and its live descendants (Linux /proc, 10 ms ticks). */
export async function processTreeCpuSeconds(pid: number): Promise<number> {
  const { stdout } = await exec('ps', ['-o', 'pid=,ppid=', '-e']).catch(() => ({ stdout: '' }));
  const rows = stdout
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const tree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [p, pp] of rows) {
      if (tree.has(pp!) && !tree.has(p!)) {
        tree.add(p!);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const p of tree) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime
    } catch {
      // exited meanwhile
    }
  }
  return ticks / 100;
}
