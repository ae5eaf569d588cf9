/**
 * The production topology as processes on one machine: N app nodes (scripts/serve.ts, WORKER=off,
 * HOST=127.0.0.1, TRUSTED_PROXY_HOPS=1), one worker (scripts/worker.ts) and nginx with
 * deploy/nginx.conf in front. Used by `npm run cluster` (scripts/cluster.ts) and by the cluster
 * acceptance test (e2e/cluster.spec.ts). Imports nothing from the app, so both can load it as it is.
 * Building, migrating and the Stripe stand-in are the caller's business.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type ClusterOptions = {
  root: string;
  /** Settings every process shares: DATABASE_URL, NEXTAUTH_SECRET, SITE_URL, Stripe and mail settings. */
  env: NodeJS.ProcessEnv;
  nodes: number;
  /** nginx listens here; nodes on nodePorts (default proxyPort+1 …). */
  proxyPort: number;
  nodePorts?: number[];
  /** Settings of one node on top of `env` (tests point one node's Stripe API elsewhere). */
  nodeEnv?: (index: number) => Record<string, string>;
  /** The build folder each node serves (default NEXT_DIST_DIR or .next for all). */
  distDirs?: string[];
  /** nginx's prefix: config, pid, logs, cache. Emptied first. */
  workDir: string;
  worker?: boolean;
  /** 'inherit' for the command line; otherwise output is collected (cluster.output()). */
  stdio?: 'inherit' | 'pipe';
  nginxBin?: string;
};

export type ClusterNode = { index: number; port: number; url: string; process: ChildProcess };

export type Cluster = {
  proxyUrl: string;
  nodes: ClusterNode[];
  worker?: ChildProcess;
  nginx: ChildProcess;
  output(): string;
  /** Kills node i with a signal (SIGKILL: a crash) and waits for it to be gone. */
  killNode(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts node i again on its port and waits until it is healthy. */
  restartNode(index: number): Promise<void>;
};

/**
 * A TypeScript script as one Node process (tsx as a loader, not its CLI, which would run the script
 * in a child of its own): the pid is the server's, so a SIGKILL kills the server itself, as a crash would.
 */
const nodeScript = (root: string, script: string): [string, string[]] => [
  process.execPath,
  ['--import', 'tsx', path.join(root, 'scripts', script)],
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** deploy/nginx.conf with its two placeholders filled (the same substitution envsubst does in deploy/compose.yaml). */
export function renderNginxConf(template: string, opts: { listen: number; upstreams: string[] }): string {
  const servers = opts.upstreams.map((u) => `server ${u} max_fails=2 fail_timeout=5s;`).join(' ');
  const out = template.replaceAll('${PATRONAGE_LISTEN}', String(opts.listen)).replaceAll('${PATRONAGE_UPSTREAMS}', servers);
  const left = /\$\{PATRONAGE_\w+\}/.exec(out);
  if (left) throw new Error(`deploy/nginx.conf: no value for ${left[0]}`);
  return out;
}

/** A process whose output goes to the terminal or into `sink`. */
function launch(
  [command, args]: [string, string[]],
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'pipe',
  sink: { text: string },
  label: string,
  cwd?: string,
): ChildProcess {
  // On the command line each process gets a process group of its own, so that Ctrl-C reaches only the
  // cluster script, which stops them in order (stopCluster) instead of all at once.
  const child = spawn(command, args, {
    env,
    cwd,
    detached: stdio === 'inherit',
    stdio: stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    sink.text += d.toString().replace(/^(?=.)/gm, `${label} `);
    if (sink.text.length > 400_000) sink.text = sink.text.slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

export async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${url}: exited (${child.exitCode ?? child.signalCode}) while starting:\n${output().slice(-3000)}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(250);
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`);
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM', graceMs = 30_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const stdio = opts.stdio ?? 'pipe';
  const sink = { text: '' };
  const output = () => sink.text;
  const ports = opts.nodePorts ?? Array.from({ length: opts.nodes }, (_, i) => opts.proxyPort + 1 + i);
  const distDirs = opts.distDirs ?? ports.map(() => opts.env.NEXT_DIST_DIR || '.next');
  const nodes: ClusterNode[] = [];
  let worker: ChildProcess | undefined;
  let nginx: ChildProcess | undefined;

  const nodeEnv = (i: number): NodeJS.ProcessEnv => ({
    ...opts.env,
    PORT: String(ports[i]),
    HOST: '127.0.0.1',
    NEXT_DIST_DIR: distDirs[i],
    WORKER: 'off',
    TRUSTED_PROXY_HOPS: '1',
    // Long enough for nginx to count a draining node as failed before its listener closes.
    SHUTDOWN_DRAIN_SECONDS: opts.env.SHUTDOWN_DRAIN_SECONDS ?? '1',
    NEXT_TELEMETRY_DISABLED: '1',
    ...opts.nodeEnv?.(i),
  });
  const startNode = (i: number): ClusterNode => {
    const child = launch(nodeScript(opts.root, 'serve.ts'), nodeEnv(i), stdio, sink, `[node ${i + 1}]`, opts.root);
    const node = { index: i, port: ports[i]!, url: `http://127.0.0.1:${ports[i]}`, process: child };
    nodes[i] = node;
    return node;
  };

  try {
    // Nodes start together, as they would on separate machines; each waits for its own health.
    for (let i = 0; i < ports.length; i++) startNode(i);
    await Promise.all(nodes.map((n) => waitForHealth(n.url, n.process, 180_000, output)));
    if (opts.worker ?? true) {
      worker = launch(
        nodeScript(opts.root, 'worker.ts'),
        { ...opts.env, NEXT_TELEMETRY_DISABLED: '1' },
        stdio,
        sink,
        '[worker]',
        opts.root,
      );
      for (let i = 0; i < 200 && !/\[worker\] running/.test(sink.text) && stdio === 'pipe'; i++) {
        if (worker.exitCode !== null) throw new Error(`the worker exited (${worker.exitCode}):\n${output().slice(-3000)}`);
        await sleep(150);
      }
    }
    fs.rmSync(opts.workDir, { recursive: true, force: true });
    for (const dir of ['logs', 'cache', 'tmp']) fs.mkdirSync(path.join(opts.workDir, dir), { recursive: true });
    const conf = path.join(opts.workDir, 'nginx.conf');
    const template = fs.readFileSync(path.join(opts.root, 'deploy', 'nginx.conf'), 'utf8');
    fs.writeFileSync(conf, renderNginxConf(template, { listen: opts.proxyPort, upstreams: ports.map((p) => `127.0.0.1:${p}`) }));
    // In the foreground (daemon off), so that it is our child and stops with us.
    nginx = launch(
      [opts.nginxBin ?? '/usr/sbin/nginx', ['-p', opts.workDir, '-e', 'stderr', '-c', conf, '-g', 'daemon off;']],
      opts.env,
      stdio,
      sink,
      '[nginx]',
    );
    await waitForHealth(`http://127.0.0.1:${opts.proxyPort}`, nginx, 15_000, output);
  } catch (err) {
    await stopProcesses(nginx, nodes, worker);
    throw err;
  }

  return {
    proxyUrl: `http://127.0.0.1:${opts.proxyPort}`,
    nodes,
    worker,
    nginx,
    output,
    killNode: async (i, signal = 'SIGKILL') => stop(nodes[i]!.process, signal),
    restartNode: async (i) => {
      await stop(nodes[i]!.process);
      const node = startNode(i);
      await waitForHealth(node.url, node.process, 180_000, output);
    },
  };
}

async function stopProcesses(nginx: ChildProcess | undefined, nodes: ClusterNode[], worker: ChildProcess | undefined): Promise<void> {
  // Readers first stop arriving (nginx finishes its requests: SIGQUIT), then nodes drain, then the worker
  // finishes the job under way.
  await stop(nginx, 'SIGQUIT', 10_000);
  await Promise.all(nodes.map((n) => stop(n.process)));
  await stop(worker);
}

/** Stops everything in order: nginx, the nodes (draining), the worker. */
export async function stopCluster(cluster: Cluster): Promise<void> {
  await stopProcesses(cluster.nginx, cluster.nodes, cluster.worker);
}
