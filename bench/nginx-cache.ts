/**
 * `npm run bench -- nginx-cache`: issue #12's "article page through the nginx cache ≥ 0.5 of nginx
 * serving the same bytes from disk". One nginx process runs deploy/nginx.conf as it is (rendered as
 * scripts/cluster-harness.ts renders it) in front of one app node on PostgreSQL (bench/pg-nodes.ts),
 * plus one extra server block that serves the article's HTML, fetched once through the proxy, from
 * a file on disk. Both server blocks share the http-level settings of deploy/nginx.conf (workers,
 * gzip level, access log), so the only difference is the page cache: the micro-cache's key lookup,
 * its half-second refresh from the node, and the proxy headers. wrk -c100 on both, identity and
 * gzip, rounds alternating (order swapped each round); medians and the median of per-round ratios;
 * the node's CPU during the cached runs shows how little of the load reaches it.
 *
 * Env: BENCH_SECONDS (8), BENCH_REPEATS (3), BENCH_PORT (3410: node on +1, proxy on +5, disk on +6),
 * plus bench/pg-nodes.ts's. Raw numbers: bench/results/nginx-cache.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, median, type LoadResult, saveResult, medianRun } from './load.ts';
import { BENCH_PORT, prepareNodes, processTreeCpuSeconds, startNode } from './pg-nodes.ts';
import { renderNginxConf } from '../scripts/cluster-harness.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CONNECTIONS = 100;
const root = process.cwd();

/** deploy/nginx.conf for one node, with a second server that serves `file` for every path. */
export function benchNginxConf(
  template: string,
  opts: { proxyPort: number; diskPort: number; nodePort: number; dir: string; headers?: [string, string][] },
): string {
  const conf = renderNginxConf(template, { listen: opts.proxyPort, upstreams: [`127.0.0.1:${opts.nodePort}`] });
  const addHeaders = (opts.headers ?? []).map(([k, v]) => {
    if (/[$"\\\n]/.test(v)) throw new Error(`header ${k} cannot be written into nginx.conf as it is`);
    return `\n      add_header ${k} "${v}";`;
  });
  const disk = `
  # Bench only: the same page as a file, served by this nginx with the same http-level settings and
  # the headers the app sent with it.
  server {
    listen ${opts.diskPort} reuseport;
    root ${opts.dir};
    location / {
      default_type text/html;
      try_files /article.html =404;${addHeaders.join('')}
    }
  }
}`;
  const end = conf.lastIndexOf('}');
  if (end < 0) throw new Error('deploy/nginx.conf has no closing brace');
  return conf.slice(0, end) + disk.slice(1) + conf.slice(end + 1);
}

async function fetchText(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

export async function main(): Promise<void> {
  const load1 = os.loadavg();
  await prepareNodes();
  const node = await startNode(BENCH_PORT + 1, { TRUSTED_PROXY_HOPS: '1', HOST: '127.0.0.1' });
  const proxyPort = BENCH_PORT + 5;
  const diskPort = BENCH_PORT + 6;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'patronage-nginx-cache-'));
  for (const dir of ['logs', 'cache', 'pages', 'tmp', 'html']) fs.mkdirSync(path.join(workDir, dir), { recursive: true, mode: 0o777 });
  // Run as root, nginx's workers drop to an unprivileged user: they must be able to write the caches.
  for (const dir of ['', 'cache', 'pages', 'tmp', 'html']) fs.chmodSync(path.join(workDir, dir), 0o777);
  const template = fs.readFileSync(path.join(root, 'deploy', 'nginx.conf'), 'utf8');
  const confPath = path.join(workDir, 'nginx.conf');
  const nodeUrl = `http://127.0.0.1:${node.port}`;
  const sitemap = (await fetchText(`${nodeUrl}/sitemap.xml`)).text;
  const found = /<loc>([^<]+\/articles\/[^<]+)<\/loc>/.exec(sitemap);
  if (!process.env.BENCH_ARTICLE && !found) throw new Error(`no article in ${nodeUrl}/sitemap.xml`);
  const articlePath = process.env.BENCH_ARTICLE ?? new URL(found![1]!).pathname;
  const page = await fetchText(nodeUrl + articlePath);
  if (page.status !== 200) throw new Error(`${articlePath} answered ${page.status}`);
  fs.writeFileSync(path.join(workDir, 'html', 'article.html'), page.text);
  // What nginx itself writes, or the file server sets from the file, is not copied.
  const own = new Set([
    'date',
    'server',
    'connection',
    'keep-alive',
    'content-length',
    'content-type',
    'transfer-encoding',
    'etag',
    'last-modified',
    'x-cache',
  ]);
  const headers = [...page.headers].filter(([k]) => !own.has(k.toLowerCase()));
  fs.writeFileSync(
    confPath,
    benchNginxConf(template, { proxyPort, diskPort, nodePort: node.port, dir: path.join(workDir, 'html'), headers }),
  );
  const nginx = spawn('/usr/sbin/nginx', ['-p', workDir, '-e', 'stderr', '-c', confPath, '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stopNginx = () => nginx.kill('SIGQUIT');
  process.on('exit', stopNginx);
  try {
    const proxy = `http://127.0.0.1:${proxyPort}`;
    for (
      let i = 0;
      i < 50 &&
      !(await fetch(`${proxy}/api/health`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 200));
    const viaProxy = await fetchText(proxy + articlePath);
    const fromDisk = await fetchText(`http://127.0.0.1:${diskPort}${articlePath}`);
    if (fromDisk.text !== viaProxy.text) throw new Error('the disk server does not answer the same bytes as the proxy');
    // The second request inside one half-second is what the micro-cache is for.
    const again = await fetch(proxy + articlePath);
    await again.arrayBuffer();
    console.log(
      `Article ${articlePath}: ${page.text.length} bytes; proxy X-Cache on a repeat: ${again.headers.get('x-cache')}; cache-control "${page.headers.get('cache-control')}"`,
    );

    const targets = [
      { name: 'nginx cache', url: proxy + articlePath },
      { name: 'nginx disk', url: `http://127.0.0.1:${diskPort}${articlePath}` },
    ];
    for (const t of targets) await load(t.url, { connections: CONNECTIONS, seconds: 2 }); // warm-up
    const rows: {
      encoding: string;
      results: Record<string, LoadResult & { all: number[] }>;
      ratio: number;
      perRound: number[];
      nodeCpuMsPerSecond: number;
    }[] = [];
    for (const gzip of [false, true]) {
      const headers = gzip ? { 'Accept-Encoding': 'gzip' } : undefined;
      const runs: Record<string, LoadResult[]> = { 'nginx cache': [], 'nginx disk': [] };
      let nodeCpu = 0;
      for (let r = 0; r < REPEATS; r++) {
        const order = r % 2 ? [...targets].reverse() : targets;
        for (const t of order) {
          const cpu0 = t.name === 'nginx cache' ? await processTreeCpuSeconds(node.child.pid!) : 0;
          runs[t.name]!.push(await load(t.url, { connections: CONNECTIONS, seconds: SECONDS, headers }));
          if (t.name === 'nginx cache') nodeCpu += (await processTreeCpuSeconds(node.child.pid!)) - cpu0;
        }
      }
      const perRound = runs['nginx cache']!.map((x, i) => x.requestsPerSec / runs['nginx disk']![i]!.requestsPerSec);
      const results = Object.fromEntries(Object.entries(runs).map(([name, rs]) => [name, medianRun(rs)]));
      const nodeCpuMsPerSecond = Math.round((nodeCpu * 1000) / (SECONDS * REPEATS));
      rows.push({ encoding: gzip ? 'gzip' : 'identity', results, ratio: median(perRound), perRound, nodeCpuMsPerSecond });
      console.log(
        `${gzip ? 'gzip' : 'identity'}: cache ${results['nginx cache']!.requestsPerSec} req/s, disk ${results['nginx disk']!.requestsPerSec} req/s, ratio ${median(perRound).toFixed(2)} (${perRound.map((x) => x.toFixed(2)).join(', ')}); node CPU ${nodeCpuMsPerSecond} ms per second`,
      );
    }
    const result = {
      date: new Date().toISOString(),
      loadAverageBefore: load1,
      loadAverageAfter: os.loadavg(),
      articlePath,
      bytes: page.text.length,
      seconds: SECONDS,
      repeats: REPEATS,
      connections: CONNECTIONS,
      rows,
    };
    saveResult('nginx-cache', result, load1);
    console.log(
      '| encoding | through the nginx cache, req/s (runs; p50 / p99 ms) | nginx from disk | ratio cache/disk (per round) | node CPU during cached runs |\n|---|---|---|---|---|',
    );
    for (const r of rows) {
      const c = (n: string) =>
        `${r.results[n]!.requestsPerSec.toLocaleString('en')} (${r.results[n]!.all.map((x) => x.toLocaleString('en')).join(', ')}; ${r.results[n]!.p50Ms} / ${r.results[n]!.p99Ms})`;
      console.log(
        `| ${r.encoding} | ${c('nginx cache')} | ${c('nginx disk')} | **${r.ratio.toFixed(2)}** (${r.perRound.map((x) => x.toFixed(2)).join(', ')}) | ${r.nodeCpuMsPerSecond} ms/s |`,
      );
    }
  } finally {
    stopNginx();
    node.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
