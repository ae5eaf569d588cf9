/**
 * `npm run bench -- soak`: does a node keep its memory and its speed for a long time under a realistic
 * mix of traffic? For each database (PostgreSQL, then PGlite) it starts the app through the `npm start`
 * path with the heap limit a node runs with, drives mixed traffic for SOAK_MINUTES (default 30), and
 * samples the server's RSS and heap used (after a full collection: bench/heap-sampler.cjs) and the
 * throughput every 10 s. It fails when heap used after the warm-up grows by more than 10%, when the
 * throughput of the last fifth falls below 80% of the first fifth after warm-up, or when the server
 * restarted or died.
 *
 * Traffic: `SOAK_CONNECTIONS` (default 50) clients, each requesting one page after another from a
 * weighted mix: articles, home, sections, search, /topics and /topics/archive, /support, /api/me,
 * /account and /topics for signed-in patrons, votes cast and withdrawn through POST /api/votes; and,
 * beside them, one new reader every 2 s subscribing through the Stripe stand-in's hosted Checkout, so
 * real signed webhooks (checkout, customer, subscription, invoice, payment) reach the app.
 * `SOAK_MIX=rotation` instead sends all clients to /support, /topics, /search?q=ferry and
 * /topics/archive in turn, 20 s each (issue #19's reproduction).
 *
 * Settings: SOAK_MINUTES, SOAK_DB (postgres,pglite), SOAK_HEAP_MB (384), SOAK_CONNECTIONS, SOAK_MIX,
 * BENCH_DATABASE_URL (a PostgreSQL server where a database is created and dropped; default
 * TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { openMigratedDatabase } from '@/lib/db/client';
import { createScratchDatabase } from '@/lib/db/testing';
import type { DatabaseTarget } from '@/lib/db/config';
import { payCheckout } from '@/lib/billing/testing';
import { makeRound, makeTopics } from '@/lib/voting/testing';
import { median } from './load';

const root = process.cwd();
// Each database gets its own ports, so the two soaks can also run side by side (SOAK_DB=postgres / pglite).
const PORTS = { postgres: 3500, pglite: 3520 } as const;
let PORT = 3500;
let SANDBOX_PORT = 13500;
const SAMPLE_MS = 10_000;
const DAY = 86_400_000;

type Sample = { t: number; pid: number; rss: number; heapUsed: number };
type Window = { t: number; requests: number; errors: number; latencyP50: number };
type Fixture = { articles: string[]; sections: string[]; patronCookies: string[]; topicIds: string[] };
type SoakResult = {
  database: 'postgres' | 'pglite';
  minutes: number;
  mix: string;
  samples: Sample[];
  windows: Window[];
  heap: { afterWarmupMb: number; endMb: number; growth: number };
  rssMb: { afterWarmup: number; end: number; max: number };
  throughput: { first: number; last: number; ratio: number };
  requests: number;
  errors: number;
  statusCounts: Record<string, number>;
  subscriptions: number;
  restarts: number;
  ok: boolean;
  problems: string[];
};

const env = (name: string, fallback: string): string => process.env[name]?.trim() || fallback;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

async function waitForHealth(child: ChildProcess, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} during start-up`);
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(500);
  }
  throw new Error('the app did not become healthy in time');
}

function appEnv(target: DatabaseTarget, dataDir: string, samplesFile: string, heapMb: number): NodeJS.ProcessEnv {
  const sampler = path.join(root, 'bench', 'heap-sampler.cjs');
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    SITE_URL: `http://localhost:${PORT}`,
    // A build per database (the build fingerprint includes it), so the two soaks can run side by side.
    NEXT_DIST_DIR: `.next-bench-soak-${target.kind}`,
    DATABASE_URL: target.kind === 'postgres' ? target.url : '',
    PGLITE_DIR: target.kind === 'pglite' ? target.dataDir : '',
    STRIPE_SECRET_KEY: '',
    EMAIL_SERVER: '',
    STRIPE_SANDBOX_PORT: String(SANDBOX_PORT),
    STRIPE_SANDBOX_STATE: path.join(dataDir, 'stripe-sandbox.json'),
    // The stand-in rewrites its whole state (tens of MB after 800 subscriptions) after changes: at the
    // default 50 ms that alone took a growing share of the two cores in the first runs.
    STRIPE_SANDBOX_SAVE_MS: '5000',
    NEXTAUTH_SECRET: 'soak-bench-secret',
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_OPTIONS: `--max-old-space-size=${heapMb} --expose-gc --require ${sampler}`,
    HEAP_SAMPLES_FILE: samplesFile,
    HEAP_SAMPLE_MS: String(SAMPLE_MS),
    // One client machine sends all the traffic: the per-IP and per-user abuse limits would answer 429.
    LIMIT_SEARCH_IP: 'off',
    LIMIT_VOTES: 'off',
    LIMIT_CTA_IP: 'off',
    LIMIT_CHECKOUT: 'off',
  };
  return childEnv;
}

function startApp(target: DatabaseTarget, dataDir: string, samplesFile: string, heapMb: number): ChildProcess {
  return spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    env: appEnv(target, dataDir, samplesFile, heapMb),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** On PostgreSQL serving never builds: `npm run build` first, with the settings the node runs with. */
async function buildApp(target: DatabaseTarget, dataDir: string, samplesFile: string, heapMb: number): Promise<void> {
  const { NODE_OPTIONS: _, ...env } = appEnv(target, dataDir, samplesFile, heapMb);
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/build.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run build exited with ${code}`);
}

async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(60_000)]);
}

/** After the demo is seeded (first start): an open round with topics, and 20 signed-in patrons. */
async function addFixture(target: DatabaseTarget): Promise<Fixture> {
  const { prisma, close } = await openMigratedDatabase(target);
  try {
    const now = new Date();
    const round = await makeRound(prisma, { title: 'Soak round', votesPerPatron: 3, closesAt: new Date(now.getTime() + 30 * DAY) });
    const topics = await makeTopics(prisma, round.id, 6);
    const patrons = await prisma.subscription.findMany({
      where: { status: 'active', currentPeriodEnd: { gt: now }, cancelAtPeriodEnd: false },
      select: { userId: true },
      distinct: ['userId'],
      take: 20,
    });
    if (patrons.length === 0) throw new Error('the demo has no active patrons to sign in');
    const patronCookies: string[] = [];
    for (const { userId } of patrons) {
      const sessionToken = randomBytes(24).toString('hex');
      await prisma.session.create({ data: { sessionToken, userId, expires: new Date(now.getTime() + DAY) } });
      patronCookies.push(`next-auth.session-token=${sessionToken}`);
    }
    const articles = (await prisma.article.findMany({ where: { status: 'PUBLISHED' }, select: { slug: true } })).map((a) => a.slug);
    const sections = (await prisma.section.findMany({ select: { slug: true } })).map((s) => s.slug);
    return { articles, sections, patronCookies, topicIds: topics.map((t) => t.id) };
  } finally {
    await close();
  }
}

type Req = { path: string; method?: 'GET' | 'POST'; cookie?: string; body?: string };
const SEARCHES = ['ferry', 'rent', 'council', 'school', 'river', 'budget', 'housing', 'towpath'];

function mixedRequests(f: Fixture): () => Req {
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
  // Each patron casts or withdraws a vote on a topic in turn; refusals (budget used) are answers too.
  const voted = new Set<string>();
  const weighted: [number, () => Req][] = [
    [30, () => ({ path: `/articles/${pick(f.articles)}` })],
    [8, () => ({ path: '/' })],
    [5, () => ({ path: `/sections/${pick(f.sections)}` })],
    [8, () => ({ path: `/search?q=${pick(SEARCHES)}` })],
    [6, () => ({ path: '/topics' })],
    [4, () => ({ path: '/topics/archive' })],
    [7, () => ({ path: '/support' })],
    [8, () => ({ path: '/api/me', cookie: Math.random() < 0.5 ? pick(f.patronCookies) : undefined })],
    [6, () => ({ path: '/account', cookie: pick(f.patronCookies) })],
    [6, () => ({ path: '/topics', cookie: pick(f.patronCookies) })],
    [
      12,
      () => {
        const cookie = pick(f.patronCookies);
        const topicId = pick(f.topicIds);
        const key = `${cookie}|${topicId}`;
        const action = voted.has(key) ? 'withdraw' : 'cast';
        if (action === 'cast') voted.add(key);
        else voted.delete(key);
        return { path: '/api/votes', method: 'POST', cookie, body: JSON.stringify({ topicId, action }) };
      },
    ],
  ];
  const total = weighted.reduce((a, [w]) => a + w, 0);
  return () => {
    let r = Math.random() * total;
    for (const [w, make] of weighted) if ((r -= w) < 0) return make();
    return weighted[0]![1]();
  };
}

function rotationRequests(started: number): () => Req {
  const pages = ['/support', '/topics', '/search?q=ferry', '/topics/archive'];
  return () => ({ path: pages[Math.floor((Date.now() - started) / 20_000) % pages.length]! });
}

/** New readers subscribing through hosted Checkout on the stand-in: real webhooks for the app. */
async function subscribeLoop(stop: () => boolean): Promise<number> {
  const stripe = new Stripe('sk_test_patronage_local', { host: '127.0.0.1', port: SANDBOX_PORT, protocol: 'http' });
  const prices = (await stripe.prices.list({ limit: 100 })).data.filter((p) => p.recurring && p.active);
  if (!prices.length) throw new Error('the stand-in has no recurring prices (were the demo tiers synced?)');
  let n = 0;
  while (!stop()) {
    const price = prices[n % prices.length]!;
    const email = `soak-${Date.now().toString(36)}-${n}@example.com`;
    try {
      const customer = await stripe.customers.create({ email });
      const session = await stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: customer.id,
        line_items: [{ price: price.id, quantity: 1 }],
        success_url: `http://localhost:${PORT}/support/success?session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `http://localhost:${PORT}/support`,
      });
      if ((await payCheckout(session.url!)).status === 303) n++;
    } catch (err) {
      console.error('[soak] a subscription failed:', err instanceof Error ? err.message : err);
    }
    await sleep(2_000);
  }
  return n;
}

async function soakOne(database: 'postgres' | 'pglite'): Promise<SoakResult> {
  PORT = PORTS[database];
  SANDBOX_PORT = PORT + 10_000;
  const minutes = Number(env('SOAK_MINUTES', '30'));
  const heapMb = Number(env('SOAK_HEAP_MB', '384'));
  const connections = Number(env('SOAK_CONNECTIONS', '50'));
  const mix = env('SOAK_MIX', 'mixed');
  const dataDir = path.join(root, 'data', `bench-soak-${database}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const samplesFile = path.join(dataDir, 'heap-samples.jsonl');

  let target: DatabaseTarget;
  let dropDatabase = async () => {};
  if (database === 'postgres') {
    const scratch = await createScratchDatabase(
      env('BENCH_DATABASE_URL', env('TEST_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres')),
      'patronage_soak',
    );
    target = { kind: 'postgres', url: scratch.url };
    dropDatabase = scratch.drop;
  } else {
    target = { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') };
  }

  try {
    // First start seeds the demo (articles, tiers in the stand-in, 300 patrons with their history);
    // then, with the app stopped (PGlite allows one process), the bench adds its round and sessions.
    if (target.kind === 'postgres') await buildApp(target, dataDir, samplesFile, heapMb);
    console.log(`[soak] ${database}: seeding through npm start…`);
    let app = startApp(target, dataDir, samplesFile, heapMb);
    await waitForHealth(app);
    await stopApp(app);
    const fixture = await addFixture(target);
    fs.rmSync(samplesFile, { force: true });
    app = startApp(target, dataDir, samplesFile, heapMb);
    await waitForHealth(app);

    console.log(`[soak] ${database}: ${minutes} min, ${connections} clients, ${mix} traffic, heap limit ${heapMb} MB`);
    const started = Date.now();
    const endAt = started + minutes * 60_000;
    const next = mix === 'rotation' ? rotationRequests(started) : mixedRequests(fixture);
    const statusCounts: Record<string, number> = {};
    const windows: Window[] = [];
    let windowCount = 0;
    let windowErrors = 0;
    let windowLatencies: number[] = [];
    const ticker = setInterval(() => {
      windows.push({
        t: Date.now(),
        requests: windowCount,
        errors: windowErrors,
        latencyP50: windowLatencies.length ? median(windowLatencies) : 0,
      });
      const last = windows.at(-1)!;
      const s = readSamples(samplesFile).at(-1);
      console.log(
        `[soak] ${database} ${Math.round((last.t - started) / 1000)}s: ${(last.requests / (SAMPLE_MS / 1000)).toFixed(1)} req/s, p50 ${last.latencyP50.toFixed(0)} ms, errors ${last.errors}${s ? `, heap ${mb(s.heapUsed)} MB, RSS ${mb(s.rss)} MB` : ''}`,
      );
      windowCount = 0;
      windowErrors = 0;
      windowLatencies = [];
    }, SAMPLE_MS);

    const client = async (): Promise<void> => {
      while (Date.now() < endAt) {
        const req = next();
        const t0 = performance.now();
        let status = 'error';
        try {
          const res = await fetch(`http://127.0.0.1:${PORT}${req.path}`, {
            method: req.method ?? 'GET',
            headers: {
              ...(req.cookie ? { cookie: req.cookie } : {}),
              ...(req.body ? { 'content-type': 'application/json', origin: `http://localhost:${PORT}` } : {}),
            },
            body: req.body,
            redirect: 'manual',
          });
          await res.arrayBuffer();
          status = String(res.status);
        } catch {
          // counted as an error below
        }
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
        windowCount++;
        windowLatencies.push(performance.now() - t0);
        if (status === 'error' || status.startsWith('5')) windowErrors++;
      }
    };
    const subscribing = mix === 'rotation' ? Promise.resolve(0) : subscribeLoop(() => Date.now() >= endAt);
    await Promise.all(Array.from({ length: connections }, client));
    const subscriptions = await subscribing;
    clearInterval(ticker);
    const samples = readSamples(samplesFile).filter((s) => s.t >= started);
    await stopApp(app);
    return evaluate(database, minutes, mix, samples, windows, statusCounts, subscriptions);
  } finally {
    await dropDatabase();
  }
}

function readSamples(file: string): Sample[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Sample);
}

/** Warm-up: the first fifth (at least 2 minutes); compared: medians of the first and last fifth after it. */
function evaluate(
  database: 'postgres' | 'pglite',
  minutes: number,
  mix: string,
  samples: Sample[],
  windows: Window[],
  statusCounts: Record<string, number>,
  subscriptions: number,
): SoakResult {
  const problems: string[] = [];
  const start = windows[0]?.t ?? Date.now();
  const warmupEnd = start + Math.max(120_000, (minutes * 60_000) / 5);
  const fifth = <T extends { t: number }>(xs: T[]) => {
    const after = xs.filter((x) => x.t >= warmupEnd);
    const n = Math.max(1, Math.floor(after.length / 5));
    return { first: after.slice(0, n), last: after.slice(-n) };
  };
  const heap = fifth(samples);
  const heapFirst = median(heap.first.map((s) => s.heapUsed));
  const heapLast = median(heap.last.map((s) => s.heapUsed));
  const growth = heapLast / heapFirst - 1;
  if (!(growth <= 0.1)) problems.push(`heap used grew ${(growth * 100).toFixed(1)}% after warm-up (limit 10%)`);
  const tp = fifth(windows);
  const rps = (ws: Window[]) => median(ws.map((w) => w.requests / (SAMPLE_MS / 1000)));
  const first = rps(tp.first);
  const last = rps(tp.last);
  if (!(last / first >= 0.8)) problems.push(`throughput fell from ${first.toFixed(1)} to ${last.toFixed(1)} req/s`);
  const pids = new Set(samples.map((s) => s.pid));
  if (pids.size > 1) problems.push(`the server restarted ${pids.size - 1} time(s) (it died)`);
  if (samples.length < (minutes * 60_000) / SAMPLE_MS - 3) problems.push('heap samples are missing (the server stopped answering?)');
  const errors = windows.reduce((a, w) => a + w.errors, 0);
  const requests = windows.reduce((a, w) => a + w.requests, 0);
  if (errors > requests * 0.001) problems.push(`${errors} failed requests (5xx or no answer)`);
  return {
    database,
    minutes,
    mix,
    samples,
    windows,
    heap: { afterWarmupMb: mb(heapFirst), endMb: mb(heapLast), growth: Math.round(growth * 1000) / 1000 },
    rssMb: {
      afterWarmup: mb(median(heap.first.map((s) => s.rss))),
      end: mb(median(heap.last.map((s) => s.rss))),
      max: mb(Math.max(...samples.map((s) => s.rss))),
    },
    throughput: { first: Math.round(first * 10) / 10, last: Math.round(last * 10) / 10, ratio: Math.round((last / first) * 100) / 100 },
    requests,
    errors,
    statusCounts,
    subscriptions,
    restarts: Math.max(0, pids.size - 1),
    ok: problems.length === 0,
    problems,
  };
}

export async function main(): Promise<SoakResult[]> {
  const results: SoakResult[] = [];
  for (const db of env('SOAK_DB', 'postgres,pglite')
    .split(',')
    .map((s) => s.trim())) {
    if (db !== 'postgres' && db !== 'pglite') throw new Error(`SOAK_DB lists postgres and/or pglite, not "${db}"`);
    results.push(await soakOne(db));
  }
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'bench', 'results', `soak-${results.map((r) => r.database).join('-')}.json`),
    JSON.stringify(results, null, 2),
  );
  for (const r of results) {
    console.log(
      `\n${r.database} (${r.mix}, ${r.minutes} min): heap after warm-up ${r.heap.afterWarmupMb} → ${r.heap.endMb} MB (${(r.heap.growth * 100).toFixed(1)}%), ` +
        `RSS ${r.rssMb.afterWarmup} → ${r.rssMb.end} MB (max ${r.rssMb.max}), throughput ${r.throughput.first} → ${r.throughput.last} req/s (×${r.throughput.ratio}), ` +
        `${r.requests} requests, ${r.errors} errors, ${r.subscriptions} subscriptions, statuses ${JSON.stringify(r.statusCounts)}: ${r.ok ? 'OK' : `FAILED: ${r.problems.join('; ')}`}`,
    );
  }
  if (results.some((r) => !r.ok)) process.exitCode = 1;
  return results;
}
