/**
 * `npm run bench -- lighthouse`: what a reader feels. The npm `lighthouse` package (v12; v13 needs
 * Node 22) drives Debian's Chromium with its default mobile profile (simulated slow 4G, 4× CPU
 * slowdown) on an article page and the home page of one node on PostgreSQL (bench/pg-nodes.ts).
 * Each page is measured BENCH_RUNS times (5), alternating pages; medians of the performance score,
 * Largest Contentful Paint, Total Blocking Time, plus the LCP element and the main-thread breakdown
 * of the median run. Raw numbers: bench/results/lighthouse.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import { median, saveResult } from './load.ts';
import { BENCH_PORT, prepareNodes, startNode } from './pg-nodes.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const chromePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

type Lhr = {
  runtimeError?: { code?: string; message?: string };
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; displayValue?: string; score?: number | null; details?: unknown }>;
};

type Run = {
  score: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  siMs: number;
  clsValue: number;
  lcpElement: string;
  mainThread: Record<string, number>;
  jsKb: number;
};

function summarize(lhr: Lhr): Run {
  const a = lhr.audits;
  const lcpEl = a['largest-contentful-paint-element']?.details as { items?: { items?: { node?: { snippet?: string } }[] }[] } | undefined;
  const snippet = lcpEl?.items?.[0]?.items?.[0]?.node?.snippet ?? '?';
  const mt =
    (a['mainthread-work-breakdown']?.details as { items?: { groupLabel?: string; group?: string; duration: number }[] } | undefined)
      ?.items ?? [];
  const bytes = (a['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    lcpMs: Math.round(a['largest-contentful-paint']?.numericValue ?? NaN),
    tbtMs: Math.round(a['total-blocking-time']?.numericValue ?? NaN),
    fcpMs: Math.round(a['first-contentful-paint']?.numericValue ?? NaN),
    siMs: Math.round(a['speed-index']?.numericValue ?? NaN),
    clsValue: Math.round((a['cumulative-layout-shift']?.numericValue ?? NaN) * 1000) / 1000,
    lcpElement: snippet.slice(0, 160),
    mainThread: Object.fromEntries(mt.map((i) => [i.groupLabel ?? i.group ?? '?', Math.round(i.duration)])),
    jsKb: Math.round(bytes.filter((b) => b.resourceType === 'Script').reduce((s, b) => s + (b.transferSize ?? 0), 0) / 102.4) / 10,
  };
}

export async function main(): Promise<void> {
  const load1 = os.loadavg();
  await prepareNodes();
  const node = await startNode(BENCH_PORT + 1);
  const base = `http://127.0.0.1:${node.port}`;
  // Lighthouse 12 is ESM with its own chrome-launcher; both are devDependencies.
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
  try {
    const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
    const articlePath = process.env.BENCH_ARTICLE ?? new URL(/<loc>([^<]+\/articles\/[^<]+)<\/loc>/.exec(sitemap)![1]!).pathname;
    const pages = { article: articlePath, home: '/' };
    // Warm the page cache and the server: Lighthouse should measure cached pages, not first renders.
    for (const p of Object.values(pages)) for (let i = 0; i < 3; i++) await fetch(base + p).then((r) => r.arrayBuffer());
    const runs: Record<string, Run[]> = { article: [], home: [] };
    // A run Lighthouse could not finish (runtimeError, e.g. no paint within its timeouts on a starved
    // machine) has no score: it is counted and left out of the medians, not averaged in as 0.
    const failed: Record<string, string[]> = { article: [], home: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const [name, p] of Object.entries(pages)) {
        const result = await lighthouse(base + p, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
        });
        if (!result) throw new Error('lighthouse returned nothing');
        const lhr = result.lhr as unknown as Lhr;
        if (lhr.runtimeError || lhr.categories.performance.score === null) {
          failed[name]!.push(lhr.runtimeError?.code ?? 'no score');
          console.log(
            `${name} #${i + 1}: Lighthouse could not finish (${lhr.runtimeError?.code ?? 'no score'}: ${lhr.runtimeError?.message ?? ''})`,
          );
          continue;
        }
        const run = summarize(lhr);
        runs[name]!.push(run);
        console.log(
          `${name} #${i + 1}: score ${run.score}, LCP ${run.lcpMs} ms, TBT ${run.tbtMs} ms, FCP ${run.fcpMs} ms, JS ${run.jsKb} kB`,
        );
      }
    }
    const summary = Object.fromEntries(
      Object.entries(runs).map(([name, rs]) => {
        const byScore = [...rs].sort((a, b) => a.score - b.score);
        const mid = byScore[Math.floor(byScore.length / 2)]; // undefined when every run failed
        return [
          name,
          {
            path: pages[name as keyof typeof pages],
            failedRuns: failed[name]!,
            score: median(rs.map((r) => r.score)),
            lcpMs: median(rs.map((r) => r.lcpMs)),
            tbtMs: median(rs.map((r) => r.tbtMs)),
            fcpMs: median(rs.map((r) => r.fcpMs)),
            scores: rs.map((r) => r.score),
            medianRun: mid,
          },
        ];
      }),
    );
    const result = {
      date: new Date().toISOString(),
      lighthouse: (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version,
      chrome: chromePath,
      chromeFlags,
      loadAverageBefore: load1,
      loadAverageAfter: os.loadavg(),
      runs: RUNS,
      summary,
      all: runs,
    };
    saveResult('lighthouse', result, load1);
    console.log(
      '| page | performance (median, all runs) | LCP ms | TBT ms | FCP ms | LCP element (median run) |\n|---|---|---|---|---|---|',
    );
    for (const [name, s] of Object.entries(summary)) {
      console.log(
        `| ${name} (${s.path}) | ${s.score} (${s.scores.join(', ')}${s.failedRuns.length ? `; ${s.failedRuns.length} failed: ${s.failedRuns.join(', ')}` : ''}) | ${s.lcpMs} | ${s.tbtMs} | ${s.fcpMs} | \`${s.medianRun?.lcpElement ?? '-'}\` |`,
      );
      if (s.medianRun)
        console.log(`  main thread (median run): ${JSON.stringify(s.medianRun.mainThread)}; JS ${s.medianRun.jsKb} kB transferred`);
    }
  } finally {
    chrome.kill();
    node.stop();
  }
}
