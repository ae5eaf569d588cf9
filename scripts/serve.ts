/**
 * The production server of one node: Next.js's own request handler on a plain Node HTTP server, so
 * that shutdown is ours. `npm start` runs it (after migrating and building); in production a
 * supervisor (systemd, the container runtime: deploy/) runs it and restarts it when it dies.
 *
 * It never builds. On PostgreSQL (DATABASE_URL) it refuses a missing or stale build (sources changed
 * since `npm run build`; SKIP_BUILD=1 skips the check). Every node serves with the build's deployment
 * id and the same Server Actions key (lib/config/cluster.ts).
 *
 * HOST chooses the interface it listens on (default: every interface).
 *
 * On SIGTERM or SIGINT: /api/health answers 503 (draining) and every response asks its client to
 * reconnect; after SHUTDOWN_DRAIN_SECONDS (default 0; set it to what your load balancer needs to
 * notice a failing health check) the listener stops taking connections, requests in flight finish,
 * keep-alive connections close, then scheduled work and the database pool close
 * (lib/runtime/lifecycle.ts); the process exits 0, or 1 when SHUTDOWN_TIMEOUT_SECONDS (default 25,
 * counted from the signal) ran out first.
 */
import http from 'node:http';
import { applyServerActionsKey } from '@/lib/config/cluster';
import { forwardedForWithPeer } from '@/lib/limits/client-ip';
import { beginDraining, closeAll } from '@/lib/runtime/lifecycle';
import { checkBuild } from './build-stamp';

const log = (message: string) => console.log(`[serve] ${message}`);

function numberSetting(name: string, fallback: number, { min }: { min: number }): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number of at least ${min} (got "${raw}").`);
  return n;
}

async function main(): Promise<void> {
  const port = numberSetting('PORT', 3000, { min: 1 });
  // Behind a proxy a node listens on loopback or a private interface only (HOST=127.0.0.1), so that
  // nothing but the proxy reaches it and the X-Forwarded-For it trusts (TRUSTED_PROXY_HOPS) is real.
  const host = process.env.HOST?.trim() || undefined;
  const shutdownMs = numberSetting('SHUTDOWN_TIMEOUT_SECONDS', 25, { min: 1 }) * 1000;
  const drainMs = numberSetting('SHUTDOWN_DRAIN_SECONDS', 0, { min: 0 }) * 1000;
  const root = process.cwd();
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (process.env.DATABASE_URL?.trim() && process.env.SKIP_BUILD !== '1') {
    const check = checkBuild(root, distDir, { env: process.env });
    if (!check.ok) throw new Error(`Refusing to start:\n- ${check.problem}`);
  }
  // The deployment id comes from the build itself (next.config.ts, lib/config/cluster.ts nextDeploymentId).
  applyServerActionsKey(process.env);
  // React and Next choose their production builds when first loaded.
  Object.assign(process.env, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: process.cwd(), port });
  await app.prepare();
  const handle = app.getRequestHandler();

  let inFlight = 0;
  let stopping = false;
  const server = http.createServer((req, res) => {
    inFlight++;
    res.once('close', () => inFlight--);
    // The peer goes last in X-Forwarded-For, as a proxy adds it: lib/limits/client-ip.ts counts the
    // trusted proxies back from there, so a client cannot choose the address its limits count against.
    req.headers['x-forwarded-for'] = forwardedForWithPeer(req.headers['x-forwarded-for'], req.socket.remoteAddress);
    // While draining, each response tells its client to open a new connection (to another node).
    if (stopping) res.setHeader('Connection', 'close');
    handle(req, res).catch((err: unknown) => {
      console.error('[serve] request failed:', err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Something went wrong on our side. Please try again.');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  log(`ready on ${host ?? 'every interface'}, port ${port}`);

  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + shutdownMs;
    beginDraining();
    log(`${signal}: stopping; ${inFlight} request(s) in flight`);
    setTimeout(() => {
      console.error('[serve] shutdown did not finish in time; exiting');
      process.exit(1);
    }, shutdownMs + 2_000).unref();
    if (drainMs) await new Promise((r) => setTimeout(r, Math.min(drainMs, shutdownMs / 2)));
    // Keep-alive connections that finish a response now close soon after; closing the listener
    // closes the idle ones and waits for the rest.
    server.keepAliveTimeout = 500;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const finished = await Promise.race([
      closed.then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), Math.max(0, deadline - Date.now()))),
    ]);
    if (!finished) {
      log(`${inFlight} request(s) still running at the deadline: closing their connections`);
      server.closeAllConnections();
    }
    const failed = await closeAll(Math.max(deadline, Date.now() + 2_000));
    if (failed.length) console.error(`[serve] could not close: ${failed.join(', ')}`);
    log('stopped');
    process.exit(finished && !failed.length ? 0 : 1);
  };
  process.on('SIGTERM', (s) => void shutdown(s));
  process.on('SIGINT', (s) => void shutdown(s));
}

main().catch((err: Error) => {
  console.error(`[serve] ${err.message}`);
  process.exit(1);
});
