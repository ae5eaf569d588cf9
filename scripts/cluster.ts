/**
 * `npm run cluster -- --nodes 2 [--port 8080] [--demo]`: rehearses the production topology on this
 * machine (README "Deploying"), on the PostgreSQL in DATABASE_URL:
 * the Stripe stand-in when STRIPE_SECRET_KEY is unset → `npm run build` once (migrates) → [--demo: the
 * demo newsroom] → N app nodes (`npm run serve`, WORKER=off, on 127.0.0.1:port+1…) → one
 * `npm run worker` → nginx with deploy/nginx.conf on the port. Ctrl-C stops them in that order reversed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startCluster, stopCluster, type Cluster } from './cluster-harness';
import { standInWiring } from './start-config';

const root = process.cwd();
const log = (message: string) => console.log(`[cluster] ${message}`);
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function parseArgs(argv: string[]): { nodes: number; port: number; demo: boolean } {
  const out = { nodes: 2, port: 8080, demo: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--demo') out.demo = true;
    else if (arg === '--nodes' || arg === '--port') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || (arg === '--port' && n > 65_000) || (arg === '--nodes' && n > 16))
        throw new Error(`${arg} needs a number (got "${argv[i] ?? ''}").`);
      out[arg === '--nodes' ? 'nodes' : 'port'] = n;
    } else throw new Error(`Unknown argument "${arg}". Usage: npm run cluster -- --nodes 2 [--port 8080] [--demo]`);
  }
  return out;
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(root, script), ...args], { env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} ${args.join(' ')} failed (exit ${code}).`))));
  });
}

async function startStandIn(env: NodeJS.ProcessEnv, proxyPort: number): Promise<ChildProcess> {
  const port = Number(env.STRIPE_SANDBOX_PORT ?? 12111);
  // Webhooks come in through nginx, as Stripe's would.
  const wiring = standInWiring(env, { app: proxyPort, standIn: port }, root);
  Object.assign(env, wiring.app);
  const child = spawn(tsx, [path.join(root, 'sandbox', 'stripe', 'cli.ts')], { stdio: 'inherit', env: { ...env, ...wiring.standIn } });
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error('The local Stripe stand-in exited during start-up.');
    if (
      await fetch(`http://127.0.0.1:${port}/__sandbox/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The local Stripe stand-in did not answer on port ${port}.`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORT: String(args.port) };
  if (!env.DATABASE_URL?.trim())
    throw new Error(
      'DATABASE_URL is not set: several nodes share one PostgreSQL database (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/patronage npm run cluster).',
    );
  env.SITE_URL ||= `http://localhost:${args.port}`;
  env.NEXTAUTH_URL ||= env.SITE_URL;
  if (!env.NEXTAUTH_SECRET?.trim()) {
    env.NEXTAUTH_SECRET = randomBytes(32).toString('hex');
    log('NEXTAUTH_SECRET is not set: generated one for this rehearsal (sessions end with it). Set your own in production.');
  }
  // The rehearsal's own folder: nginx's prefix (config, logs, cache) and the stand-in's state.
  const dataDir = path.join(root, 'data', `cluster-${args.port}`);
  env.STRIPE_SANDBOX_STATE ||= path.join(dataDir, 'stripe-sandbox.json');
  let standIn: ChildProcess | undefined;
  let cluster: Cluster | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping: nginx, then the nodes, then the worker');
    if (cluster) await stopCluster(cluster);
    if (standIn && standIn.exitCode === null) {
      standIn.kill('SIGTERM');
      await new Promise((r) => standIn!.once('exit', r));
    }
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // The nodes, worker and nginx run in process groups of their own: should this script die without
  // stopping them in order, they are not left running.
  process.on('exit', () => {
    for (const child of cluster ? [cluster.nginx, ...cluster.nodes.map((n) => n.process), cluster.worker] : []) {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
  });
  try {
    if (!env.STRIPE_SECRET_KEY) {
      standIn = await startStandIn(env, args.port);
      log(`STRIPE_SECRET_KEY is not set: the local Stripe stand-in on port ${env.STRIPE_API_PORT} sends its webhooks through nginx.`);
    }
    if (args.demo) await run('scripts/db.ts', ['migrate'], env).then(() => run('scripts/demo.ts', ['seed'], env));
    log('Building once for every node (npm run build)…');
    await run('scripts/build.ts', [], env);
    log(`Starting ${args.nodes} node(s), the worker and nginx…`);
    cluster = await startCluster({
      root,
      env,
      nodes: args.nodes,
      proxyPort: args.port,
      workDir: path.join(dataDir, 'nginx'),
      stdio: 'inherit',
    });
    log(
      `Serving ${env.SITE_URL} through nginx on port ${args.port}; nodes on ${cluster.nodes.map((n) => n.url).join(', ')}. Ctrl-C stops everything.`,
    );
  } catch (err) {
    console.error(`[cluster] ${(err as Error).message}`);
    await shutdown(1);
  }
}

main().catch((err: Error) => {
  console.error(`[cluster] ${err.message}`);
  process.exit(1);
});
