/**
 * Reader pages on `next start` against a plain Node server sending the same bytes from memory.
 * Reports requests/s, p50/p99 at 100 connections (median of repeated runs), the ratio Next/static,
 * and the article page's first-load JavaScript in gzipped kB. Results: bench/results/pages.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { load, median, type LoadResult, medianRun } from './load.ts';

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const STATIC_PORT = PORT + 1;
const CONNECTIONS = 100;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const base = `http://127.0.0.1:${PORT}`;

async function waitFor(url: string, child: ChildProcess, timeoutMs = 300_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error('the app exited during start-up');
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

async function fetchRaw(url: string, gzip: boolean): Promise<{ body: Buffer; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: gzip ? { 'accept-encoding': 'gzip' } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const keep = ['content-type', 'content-encoding', 'cache-control', 'vary', 'etag'];
          const headers = Object.fromEntries(keep.filter((k) => res.headers[k]).map((k) => [k, String(res.headers[k])]));
          resolve({ body: Buffer.concat(chunks), headers });
        });
      })
      .on('error', reject);
  });
}

function staticServer(pages: Map<string, { body: Buffer; headers: Record<string, string> }>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const gz = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const page = pages.get(`${gz ? 'gz' : 'id'} ${req.url}`);
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { ...page.headers, 'content-length': page.body.length });
    res.end(page.body);
  });
  return new Promise((resolve) => server.listen(STATIC_PORT, '127.0.0.1', () => resolve(server)));
}

/** Every script a real browser fetches to load the page (Chromium), gzipped at level 9. */
async function firstLoadJsGzippedKb(articlePath: string): Promise<{ kb: number; files: number }> {
  const { chromium } = await import('@playwright/test');
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const scripts = new Map<string, Promise<Buffer>>();
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script' && res.ok()) scripts.set(res.url(), res.body());
    });
    await page.goto(base + articlePath, { waitUntil: 'networkidle' });
    let bytes = 0;
    for (const body of scripts.values()) bytes += zlib.gzipSync(await body, { level: 9 }).length;
    return { kb: Math.round((bytes / 1024) * 10) / 10, files: scripts.size };
  } finally {
    await browser.close();
  }
}

type Row = { page: string; encoding: string; next: LoadResult; static: LoadResult; ratio: number };

export async function main(): Promise<void> {
  const root = process.cwd();
  const dataDir = path.join(root, 'data', 'bench');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    PORT: String(PORT),
    NEXT_DIST_DIR: '.next-bench',
    PGLITE_DIR: path.join(dataDir, 'pglite'),
    STRIPE_SANDBOX_PORT: String(PORT + 1000),
    STRIPE_SANDBOX_STATE: path.join(dataDir, 'stripe.json'),
    NEXT_TELEMETRY_DISABLED: '1',
  };
  console.log('Starting the app (npm start path, own build folder)…');
  const app = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-app.pid!, 'SIGTERM');
    } catch {}
  };
  process.on('exit', stop);
  try {
    await waitFor(`${base}/`, app);
    const sitemap = (await fetchRaw(`${base}/sitemap.xml`, false)).body.toString();
    const articlePath = new URL(/<loc>([^<]+\/articles\/[^<]+)<\/loc>/.exec(sitemap)![1]!).pathname;
    // The same pages in the second language (issue #16: each locale within 10% of the English ratio).
    const paths = { home: '/', article: articlePath, 'home /uk': '/uk', 'article /uk': `/uk${articlePath.replace(/^\/uk/, '')}` };

    // Warm the cache, then capture the exact bytes the app sends.
    const pages = new Map<string, { body: Buffer; headers: Record<string, string> }>();
    for (const p of Object.values(paths)) {
      for (let i = 0; i < 5; i++) await fetchRaw(base + p, false);
      pages.set(`id ${p}`, await fetchRaw(base + p, false));
      pages.set(`gz ${p}`, await fetchRaw(base + p, true));
    }
    const server = await staticServer(pages);
    const rows: Row[] = [];
    try {
      for (const [name, p] of Object.entries(paths)) {
        for (const gzip of [false, true]) {
          const headers = gzip ? { 'Accept-Encoding': 'gzip' } : undefined;
          const nextRuns: LoadResult[] = [];
          const staticRuns: LoadResult[] = [];
          for (let i = 0; i < REPEATS; i++) {
            nextRuns.push(await load(base + p, { connections: CONNECTIONS, seconds: SECONDS, headers }));
            staticRuns.push(await load(`http://127.0.0.1:${STATIC_PORT}${p}`, { connections: CONNECTIONS, seconds: SECONDS, headers }));
          }
          // Without each run's rate: the results keep their shape.
          const pick = (runs: LoadResult[]): LoadResult => {
            const { all: _all, ...result } = medianRun(runs);
            return result;
          };
          const next = pick(nextRuns);
          const stat = pick(staticRuns);
          const ratios = nextRuns.map((r, i) => r.requestsPerSec / staticRuns[i]!.requestsPerSec);
          rows.push({ page: `${name} (${p})`, encoding: gzip ? 'gzip' : 'identity', next, static: stat, ratio: median(ratios) });
          console.log(
            `${name} ${gzip ? 'gzip' : 'identity'}: next ${next.requestsPerSec} req/s (p50 ${next.p50Ms} ms, p99 ${next.p99Ms} ms) · static ${stat.requestsPerSec} req/s · ratio 1/${(1 / median(ratios)).toFixed(1)}`,
          );
        }
      }
    } finally {
      server.close();
    }
    const js = await firstLoadJsGzippedKb(articlePath);
    console.log(`Article first-load JS: ${js.kb} kB gzipped in ${js.files} files`);
    const result = {
      date: new Date().toISOString(),
      tool: rows[0]?.next.tool,
      connections: CONNECTIONS,
      seconds: SECONDS,
      repeats: REPEATS,
      rows,
      articleFirstLoadJs: js,
    };
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', 'pages.json'), JSON.stringify(result, null, 2));
    console.log('\n| page | encoding | Next req/s | p50 / p99 ms | static req/s | ratio |\n|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(
        `| ${r.page} | ${r.encoding} | ${r.next.requestsPerSec} | ${r.next.p50Ms} / ${r.next.p99Ms} | ${r.static.requestsPerSec} | 1/${(1 / r.ratio).toFixed(1)} |`,
      );
    }
  } finally {
    stop();
  }
}
