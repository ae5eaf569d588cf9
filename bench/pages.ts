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

function staticServer(pages: Map<string, { body: Buffer; headers: Record<string, string> }>, port: number): Promise<http.Server> {
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
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** Every script a real browser fetches to load the page (Chromium), gzipped at level 9. */
async function firstLoadJsGzippedKb(origin: string, articlePath: string): Promise<{ kb: number; files: number }> {
  const { chromium } = await import('@playwright/test');
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const scripts = new Map<string, Promise<Buffer>>();
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script' && res.ok()) scripts.set(res.url(), res.body());
    });
    await page.goto(origin + articlePath, { waitUntil: 'networkidle' });
    let bytes = 0;
    for (const body of scripts.values()) bytes += zlib.gzipSync(await body, { level: 9 }).length;
    return { kb: Math.round((bytes / 1024) * 10) / 10, files: scripts.size };
  } finally {
    await browser.close();
  }
}

type Measured = { next: LoadResult; static: LoadResult; ratio: number };
type Row = { page: string; encoding: string } & Measured & { reference?: Measured & { path: string } };

/** One app started through the `npm start` path from `dir` (a checkout), on its own port, build folder and data. */
async function startApp(dir: string, port: number): Promise<{ origin: string; stop: () => void }> {
  const dataDir = path.join(dir, 'data', 'bench');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    PORT: String(port),
    NEXT_DIST_DIR: '.next-bench',
    PGLITE_DIR: path.join(dataDir, 'pglite'),
    STRIPE_SANDBOX_PORT: String(port + 1000),
    STRIPE_SANDBOX_STATE: path.join(dataDir, 'stripe.json'),
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const app = spawn(path.join(dir, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    cwd: dir,
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
  const origin = `http://127.0.0.1:${port}`;
  await waitFor(`${origin}/`, app);
  return { origin, stop };
}

/** Warms each path, then captures the exact bytes (identity and gzip) the app sends for it. */
async function capture(origin: string, paths: string[]): Promise<Map<string, { body: Buffer; headers: Record<string, string> }>> {
  const pages = new Map<string, { body: Buffer; headers: Record<string, string> }>();
  for (const p of paths) {
    for (let i = 0; i < 5; i++) await fetchRaw(origin + p, false);
    pages.set(`id ${p}`, await fetchRaw(origin + p, false));
    pages.set(`gz ${p}`, await fetchRaw(origin + p, true));
  }
  return pages;
}

// Without each run's rate: the results keep their shape.
function pick(runs: LoadResult[]): LoadResult {
  const { all: _all, ...result } = medianRun(runs);
  return result;
}

const ratioText = (ratio: number) => `1/${(1 / ratio).toFixed(1)}`;

/**
 * BENCH_REFERENCE: another checkout (e.g. `git worktree add` of an earlier commit, with its
 * node_modules) measured in the same run: started the same way on BENCH_PORT + 10, its pages captured
 * into a second static server, and every round runs this app, its static copy, the reference and its
 * static copy (the pair order swapped each round), so both ratios come from the same minutes. A
 * reference without a page (no /uk before i18n) is measured on its English counterpart.
 * BENCH_PAGES: a comma-separated subset of home, article, home /uk, article /uk.
 */
export async function main(): Promise<void> {
  const root = process.cwd();
  const referenceDir = process.env.BENCH_REFERENCE ? path.resolve(process.env.BENCH_REFERENCE) : null;
  console.log('Starting the app (npm start path, own build folder)…');
  const app = await startApp(root, PORT);
  let reference: { origin: string; stop: () => void } | null = null;
  try {
    if (referenceDir) {
      console.log(`Starting the reference in ${referenceDir}…`);
      reference = await startApp(referenceDir, PORT + 10);
    }
    const sitemap = (await fetchRaw(`${base}/sitemap.xml`, false)).body.toString();
    const articlePath = new URL(/<loc>([^<]+\/articles\/[^<]+)<\/loc>/.exec(sitemap)![1]!).pathname;
    // The same pages in the second language (issue #16: each locale within 10% of the English ratio).
    const allPaths: Record<string, string> = {
      home: '/',
      article: articlePath,
      'home /uk': '/uk',
      'article /uk': `/uk${articlePath.replace(/^\/uk/, '')}`,
    };
    const wanted = process.env.BENCH_PAGES?.split(',').map((n) => n.trim());
    const paths = Object.fromEntries(Object.entries(allPaths).filter(([name]) => !wanted || wanted.includes(name)));

    const server = await staticServer(await capture(base, Object.values(paths)), STATIC_PORT);
    let refServer: http.Server | null = null;
    const refPath: Record<string, string> = {};
    if (reference) {
      for (const [name, p] of Object.entries(paths)) {
        const there = await fetch(reference.origin + p).then(
          (r) => r.status,
          () => 0,
        );
        refPath[name] = there === 200 ? p : p.replace(/^\/uk(?=\/|$)/, '') || '/';
      }
      refServer = await staticServer(await capture(reference.origin, [...new Set(Object.values(refPath))]), PORT + 11);
    }
    const rows: Row[] = [];
    try {
      for (const [name, p] of Object.entries(paths)) {
        for (const gzip of [false, true]) {
          const headers = gzip ? { 'Accept-Encoding': 'gzip' } : undefined;
          const run = (url: string) => load(url, { connections: CONNECTIONS, seconds: SECONDS, headers });
          const mine = { next: [] as LoadResult[], static: [] as LoadResult[] };
          const ref = { next: [] as LoadResult[], static: [] as LoadResult[] };
          const measureMine = async () => {
            mine.next.push(await run(base + p));
            mine.static.push(await run(`http://127.0.0.1:${STATIC_PORT}${p}`));
          };
          const measureRef = async () => {
            ref.next.push(await run(reference!.origin + refPath[name]));
            ref.static.push(await run(`http://127.0.0.1:${PORT + 11}${refPath[name]}`));
          };
          for (let i = 0; i < REPEATS; i++) {
            if (!reference) await measureMine();
            else if (i % 2 === 0) await measureMine().then(measureRef);
            else await measureRef().then(measureMine);
          }
          const ratioOf = (runs: typeof mine) => median(runs.next.map((r, i) => r.requestsPerSec / runs.static[i]!.requestsPerSec));
          const row: Row = {
            page: `${name} (${p})`,
            encoding: gzip ? 'gzip' : 'identity',
            next: pick(mine.next),
            static: pick(mine.static),
            ratio: ratioOf(mine),
          };
          if (reference) row.reference = { path: refPath[name]!, next: pick(ref.next), static: pick(ref.static), ratio: ratioOf(ref) };
          rows.push(row);
          console.log(
            `${name} ${row.encoding}: next ${row.next.requestsPerSec} req/s (p50 ${row.next.p50Ms} ms, p99 ${row.next.p99Ms} ms) · static ${row.static.requestsPerSec} req/s · ratio ${ratioText(row.ratio)}` +
              (row.reference
                ? ` — reference ${row.reference.path}: next ${row.reference.next.requestsPerSec} · static ${row.reference.static.requestsPerSec} · ratio ${ratioText(row.reference.ratio)} · this/reference ${(row.ratio / row.reference.ratio).toFixed(2)}`
                : ''),
          );
        }
      }
    } finally {
      server.close();
      refServer?.close();
    }
    const js = await firstLoadJsGzippedKb(base, articlePath);
    console.log(`Article first-load JS: ${js.kb} kB gzipped in ${js.files} files`);
    const referenceJs = reference ? await firstLoadJsGzippedKb(reference.origin, articlePath) : undefined;
    if (referenceJs) console.log(`Reference article first-load JS: ${referenceJs.kb} kB gzipped in ${referenceJs.files} files`);
    const result = {
      date: new Date().toISOString(),
      tool: rows[0]?.next.tool,
      connections: CONNECTIONS,
      seconds: SECONDS,
      repeats: REPEATS,
      reference: referenceDir ?? undefined,
      rows,
      articleFirstLoadJs: js,
      referenceArticleFirstLoadJs: referenceJs,
    };
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', 'pages.json'), JSON.stringify(result, null, 2));
    console.log(
      '\n| page | encoding | Next req/s | p50 / p99 ms | static req/s | ratio | reference ratio | this/reference |\n|---|---|---|---|---|---|---|---|',
    );
    for (const r of rows) {
      console.log(
        `| ${r.page} | ${r.encoding} | ${r.next.requestsPerSec} | ${r.next.p50Ms} / ${r.next.p99Ms} | ${r.static.requestsPerSec} | ${ratioText(r.ratio)} | ${r.reference ? ratioText(r.reference.ratio) : '—'} | ${r.reference ? (r.ratio / r.reference.ratio).toFixed(2) : '—'} |`,
      );
    }
  } finally {
    reference?.stop();
    app.stop();
  }
}
