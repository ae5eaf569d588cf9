/** Load generation for benchmarks: wrk when installed (it does not saturate a core itself), else autocannon. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const exec = promisify(execFile);

export type LoadResult = {
  tool: 'wrk' | 'autocannon';
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
};

export const hasWrk = (): boolean => ['/usr/bin/wrk', '/usr/local/bin/wrk'].some((p) => fs.existsSync(p));

function wrkDuration(text: string): number {
  const m = /([\d.]+)(us|ms|s|m)\b/.exec(text.trim());
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 'ms' ? v : m[2] === 's' ? v * 1000 : v * 60_000;
}

export async function load(
  url: string,
  opts: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const headers = opts.headers ?? {};
  if (hasWrk()) {
    const args = [
      '-t2',
      `-c${opts.connections}`,
      `-d${opts.seconds}s`,
      '--latency',
      ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
      url,
    ];
    const { stdout } = await exec('wrk', args, { maxBuffer: 1 << 20 });
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
    const p50 = wrkDuration(/\s50%\s+(\S+)/.exec(stdout)?.[1] ?? '');
    const p99 = wrkDuration(/\s99%\s+(\S+)/.exec(stdout)?.[1] ?? '');
    const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
    const errors = sockErr
      ? sockErr
          .slice(1)
          .map(Number)
          .reduce((a, b) => a + b, 0)
      : 0;
    const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
    return { tool: 'wrk', requestsPerSec: rps, p50Ms: p50, p99Ms: p99, errors, non2xx };
  }
  const { default: autocannon } = await import('autocannon');
  const r = await autocannon({ url, connections: opts.connections, duration: opts.seconds, headers });
  return {
    tool: 'autocannon',
    requestsPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Repeated runs of one target as one result: median rate and latencies, summed errors, and each run's rate (`all`). */
export function medianRun(runs: LoadResult[]): LoadResult & { all: number[] } {
  return {
    ...runs[0]!,
    requestsPerSec: Math.round(median(runs.map((x) => x.requestsPerSec))),
    p50Ms: median(runs.map((x) => x.p50Ms)),
    p99Ms: median(runs.map((x) => x.p99Ms)),
    errors: runs.reduce((a, x) => a + x.errors, 0),
    non2xx: runs.reduce((a, x) => a + x.non2xx, 0),
    all: runs.map((x) => Math.round(x.requestsPerSec)),
  };
}

/** Writes bench/results/<name>.json and prints the machine's load average before the run and now. */
export function saveResult(name: string, result: unknown, loadBefore: number[]): void {
  const dir = path.join(process.cwd(), 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(result, null, 2));
  const avg = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
  console.log(`\nload average before ${avg(loadBefore)}, after ${avg(os.loadavg())}`);
}
