/**
 * `npm run bench -- article`: an article page of our build on PostgreSQL against a bare Next.js 16
 * force-static page (bench/bare-next/) whose body is the same `<article>` element, both served by
 * Next alone (no proxy). Ours runs twice: through `npm run serve` (the production server of a node,
 * scripts/serve.ts) and through plain `next start` on the same build; the bare app through
 * `next start`. wrk -c100, identity and gzip, rounds interleaved (the order rotates each round);
 * medians and the median of per-round ratios. Also a byte breakdown of the article HTML.
 *
 * Env: BENCH_SECONDS (8), BENCH_REPEATS (3), BENCH_PORT (3410: ours on +1 and +3, bare on +2),
 * plus bench/pg-nodes.ts's. Raw numbers: bench/results/article.json.
 */
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { load, median, type LoadResult, saveResult, medianRun } from './load.ts';
import { BENCH_PORT, databaseUrl, nodeEnv, prepareNodes, startNode, waitFor } from './pg-nodes.ts';

const exec = promisify(execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CONNECTIONS = 100;
const root = process.cwd();
const bareDir = path.join(root, 'bench', 'bare-next');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

function get(url: string, gzip: boolean): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: gzip ? { 'accept-encoding': 'gzip' } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      })
      .on('error', reject);
  });
}

/** The article element of the page: from `<article class="article"` to the last `</article>` inside main. */
export function articleElement(html: string): string {
  const start = html.indexOf('<article class="article"');
  const mainEnd = html.indexOf('</main>');
  const end = html.lastIndexOf('</article>', mainEnd < 0 ? undefined : mainEnd);
  if (start < 0 || end < start) throw new Error('no <article class="article"> in the page');
  return html.slice(start, end + '</article>'.length);
}

/** Where the bytes of the HTML go: the parts worth cutting are the ones every page repeats. */
export function htmlBreakdown(html: string): Record<string, number> {
  const sum = (re: RegExp) => [...html.matchAll(re)].reduce((a, m) => a + m[0].length, 0);
  const between = (open: RegExp, close: string) => {
    const m = open.exec(html);
    if (!m) return 0;
    const end = html.indexOf(close, m.index);
    return end < 0 ? 0 : end + close.length - m.index;
  };
  return {
    total: html.length,
    gzip: zlib.gzipSync(html).length,
    articleElement: articleElement(html).length,
    rscPayloadScripts: sum(/<script>self\.__next_f\.push\([\s\S]*?<\/script>/g),
    otherInlineScripts: sum(/<script(?![^>]*\bsrc=)(?![^>]*ld\+json)[^>]*>(?!self\.__next_f)[\s\S]*?<\/script>/g),
    jsonLd: sum(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g),
    jsonLdCount: (html.match(/application\/ld\+json/g) ?? []).length,
    head: between(/<head>/, '</head>'),
    header: between(/<header class="site-header/, '</header>'),
    footer: between(/<footer class="site-footer/, '</footer>'),
    scriptTags: (html.match(/<script[^>]*\bsrc=/g) ?? []).length,
    notFoundMentions: (html.match(/could not be found|not-found/gi) ?? []).length,
    forbiddenMentions: (html.match(/forbidden/gi) ?? []).length,
  };
}

/** Builds bench/bare-next when its body changed (the body's hash is kept beside the build). */
async function buildBare(body: string): Promise<void> {
  fs.writeFileSync(path.join(bareDir, 'body.html'), body);
  const hash = createHash('sha256')
    .update('webpack\0')
    .update(body)
    .update(fs.readFileSync(path.join(bareDir, 'app', 'page.js')))
    .digest('hex');
  const marker = path.join(bareDir, '.next', 'bench-body.sha256');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === hash) return;
  console.log('Building bench/bare-next (next build --webpack)…');
  // Webpack, not Turbopack: Turbopack takes the repository (its lockfile) as the project root and
  // compiles the app's instrumentation.ts and proxy.ts into the bare app too.
  await exec(process.execPath, [nextBin, 'build', '--webpack'], {
    cwd: bareDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: '' },
    maxBuffer: 16 << 20,
  });
  const leaked = fs
    .readdirSync(path.join(bareDir, '.next', 'server'), { recursive: true })
    .filter(
      (f) =>
        String(f).endsWith('.js') &&
        /startBackgroundJobs|consumeLimit/.test(fs.readFileSync(path.join(bareDir, '.next', 'server', String(f)), 'utf8')),
    );
  if (leaked.length) throw new Error(`the bare app's build contains Patronage code: ${leaked.join(', ')}`);
  fs.writeFileSync(marker, hash);
}

function startNext(dir: string, port: number, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dir,
    env: { ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {}
  };
  process.on('exit', stop);
  return { child, stop };
}

type Target = { name: string; url: string };
type Row = { encoding: string; results: Record<string, LoadResult>; ratios: Record<string, number> };

export async function main(): Promise<void> {
  const load1 = os.loadavg();
  await prepareNodes();
  const ours = await startNode(BENCH_PORT + 1);
  // Plain `next start`, as Next's docs run it: no DEPLOYMENT_ID, the build's own id (lib/config/cluster.ts).
  const plain = startNext(root, BENCH_PORT + 3, nodeEnv({ PORT: String(BENCH_PORT + 3), DEPLOYMENT_ID: '' }));
  let bare: ReturnType<typeof startNext> | null = null;
  try {
    const base = `http://127.0.0.1:${ours.port}`;
    const sitemap = (await get(`${base}/sitemap.xml`, false)).body.toString();
    const articlePath = process.env.BENCH_ARTICLE ?? new URL(/<loc>([^<]+\/articles\/[^<]+)<\/loc>/.exec(sitemap)![1]!).pathname;
    for (let i = 0; i < 5; i++) await get(base + articlePath, false);
    const page = await get(base + articlePath, false);
    const html = page.body.toString();
    if (page.status !== 200) throw new Error(`${articlePath} answered ${page.status}`);
    const breakdown = htmlBreakdown(html);
    console.log(
      `Article ${articlePath}: cache-control "${page.headers['cache-control']}", x-nextjs-cache "${page.headers['x-nextjs-cache'] ?? '-'}"`,
    );
    console.log('HTML bytes:', breakdown);

    await buildBare(articleElement(html));
    bare = startNext(bareDir, BENCH_PORT + 2, { ...process.env, NEXT_TELEMETRY_DISABLED: '1' });
    await waitFor(`http://127.0.0.1:${BENCH_PORT + 2}/`, bare.child);
    await waitFor(`http://127.0.0.1:${BENCH_PORT + 3}${articlePath}`, plain.child);
    const bareHtml = (await get(`http://127.0.0.1:${BENCH_PORT + 2}/`, false)).body.toString();
    const bareBytes = { total: bareHtml.length, gzip: zlib.gzipSync(bareHtml).length };
    console.log('Bare page bytes:', bareBytes);

    const targets: Target[] = [
      { name: 'serve', url: base + articlePath },
      { name: 'next start', url: `http://127.0.0.1:${BENCH_PORT + 3}${articlePath}` },
      { name: 'bare', url: `http://127.0.0.1:${BENCH_PORT + 2}/` },
    ];
    for (const t of targets) for (let i = 0; i < 3; i++) await load(t.url, { connections: CONNECTIONS, seconds: 2 }); // warm-up
    const rows: Row[] = [];
    for (const gzip of [false, true]) {
      const headers = gzip ? { 'Accept-Encoding': 'gzip' } : undefined;
      const runs: Record<string, LoadResult[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
      for (let r = 0; r < REPEATS; r++) {
        // Rotate the order each round so no target always runs right after another's load.
        const order = targets.map((_, i) => targets[(i + r) % targets.length]!);
        for (const t of order) runs[t.name]!.push(await load(t.url, { connections: CONNECTIONS, seconds: SECONDS, headers }));
      }
      const results = Object.fromEntries(Object.entries(runs).map(([name, rs]) => [name, medianRun(rs)]));
      const ratio = (name: string) => median(runs[name]!.map((x, i) => x.requestsPerSec / runs.bare![i]!.requestsPerSec));
      rows.push({ encoding: gzip ? 'gzip' : 'identity', results, ratios: { serve: ratio('serve'), 'next start': ratio('next start') } });
      const fmt = (n: string) => `${n} ${results[n]!.requestsPerSec} req/s (p50 ${results[n]!.p50Ms} ms)`;
      console.log(
        `${gzip ? 'gzip' : 'identity'}: ${fmt('serve')} · ${fmt('next start')} · ${fmt('bare')} · ratios serve ${ratio('serve').toFixed(2)}, next start ${ratio('next start').toFixed(2)}`,
      );
    }
    const result = {
      date: new Date().toISOString(),
      database: `PostgreSQL (${databaseUrl.replace(/\/\/[^@]*@/, '//')})`,
      loadAverageBefore: load1,
      loadAverageAfter: os.loadavg(),
      articlePath,
      seconds: SECONDS,
      repeats: REPEATS,
      connections: CONNECTIONS,
      breakdown,
      bareBytes,
      rows,
    };
    saveResult('article', result, load1);
    console.log(
      '| encoding | ours, npm run serve (req/s, p50 ms) | ours, next start | bare force-static | ratio serve/bare | ratio next start/bare |\n|---|---|---|---|---|---|',
    );
    for (const r of rows) {
      const c = (n: string) => `${r.results[n]!.requestsPerSec.toLocaleString('en')} (${r.results[n]!.p50Ms})`;
      console.log(
        `| ${r.encoding} | ${c('serve')} | ${c('next start')} | ${c('bare')} | ${r.ratios.serve!.toFixed(2)} | ${r.ratios['next start']!.toFixed(2)} |`,
      );
    }
  } finally {
    ours.stop();
    plain.stop();
    bare?.stop();
  }
}
