/**
 * `npm start`: runs Patronage on whatever is configured, with embedded defaults for the rest:
 * PGlite in ./data/pglite (no DATABASE_URL), the local Stripe stand-in (no STRIPE_SECRET_KEY),
 * the local mailbox (no EMAIL_SERVER), demo content on an empty database.
 * Steps: start the stand-in if needed → migrate and seed (once across nodes: lib/db/prepare.ts) →
 * build if stale, embedded only → serve. On PostgreSQL (DATABASE_URL) serving never builds: it refuses
 * a missing or stale build (`npm run build` first; scripts/build-stamp.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { databaseTargetFromEnv, type DatabaseTarget } from '@/lib/db/config';
import { prepareDatabase } from '@/lib/db/prepare';
import { seedDemoIfEmpty } from '@/lib/articles/demo-content';
import { seedDemoTiersWith } from '@/lib/billing/demo-tiers';
import { seedDemoPatrons } from '@/lib/analytics/demo-patrons';
import { seedDemoRounds } from '@/lib/voting/demo-rounds';
import { seedDemoSpending } from '@/lib/transparency/demo-spending';
import { seedDemoNewsletters } from '@/lib/newsletters/demo';
import { buildApp } from './build-app';
import { buildSettings, checkBuild } from './build-stamp';
import { resolveStartEnv, sessionSecret, standInWiring } from './start-config';

const root = process.cwd();
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const children: ChildProcess[] = [];

function log(message: string): void {
  console.log(`[patronage] ${message}`);
}

async function startStripeStandIn(env: NodeJS.ProcessEnv, appPort: number): Promise<void> {
  const port = Number(env.STRIPE_SANDBOX_PORT ?? 12111);
  const wiring = standInWiring(env, { app: appPort, standIn: port }, root);
  Object.assign(env, wiring.app);
  const standInEnv = { ...env, ...wiring.standIn };
  // A separate process: the app reaches the stand-in only through the stripe SDK's host/port settings.
  const child = spawn(bin('tsx'), [path.join(root, 'sandbox', 'stripe', 'cli.ts')], { stdio: 'inherit', env: standInEnv });
  children.push(child);
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error('The local Stripe stand-in exited during start-up.');
    const ok = await fetch(`http://127.0.0.1:${port}/__sandbox/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The local Stripe stand-in did not answer on port ${port}.`);
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  // Refuse before anything starts: a public-looking site in test mode, or no session secret outside it.
  const { problems } = resolveStartEnv(env, port);
  if (problems.length) throw new Error(`Refusing to start:\n- ${problems.join('\n- ')}`);
  env.NEXTAUTH_SECRET = sessionSecret(env, root);

  if (!env.STRIPE_SECRET_KEY) {
    await startStripeStandIn(env, port);
    log(`STRIPE_SECRET_KEY is not set: payments use the local Stripe stand-in at http://127.0.0.1:${env.STRIPE_API_PORT} (test mode).`);
  }
  if (!env.EMAIL_SERVER) log('EMAIL_SERVER is not set: emails go to the local mailbox at /dev/mailbox (test mode).');

  const target = databaseTargetFromEnv(env);
  log(
    target.kind === 'postgres'
      ? 'Database: PostgreSQL (DATABASE_URL).'
      : `Database: embedded PGlite in ${path.relative(root, target.dataDir) || '.'}.`,
  );
  if (target.kind === 'pglite') fs.mkdirSync(target.dataDir, { recursive: true });
  const distDir = env.NEXT_DIST_DIR || '.next';
  const settings = buildSettings(env, target.kind);
  const check = env.SKIP_BUILD === '1' ? null : checkBuild(root, distDir, { settings, env });
  if (!check) log(`SKIP_BUILD=1: serving the build in ${distDir}/ without checking it.`);
  // Before touching the database: a node that would refuse to serve must not migrate it either.
  else if (!check.ok && target.kind === 'postgres') throw new Error(`Refusing to start:\n- ${check.problem}`);

  // The server opens the database itself afterwards (PGlite allows one process per data folder).
  const { applied } = await prepareDatabase(target, { log, seed: (prisma) => seedDemoData(prisma, env, target) });
  log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Migrations: up to date.');

  if (check && !check.ok) {
    log('Building the app (next build)…');
    await buildApp(root, env, distDir, settings);
  }

  log(`Serving ${env.SITE_URL} (port ${port}).`);
  serve(env);
}

// The server is restarted when it dies (a crash, running out of memory), at most RESTARTS_PER_MINUTE
// times a minute: a site that keeps failing should stop loudly, not spin. Production uses the
// supervisor in deploy/ (systemd or the container runtime) the same way.
const RESTARTS_PER_MINUTE = 5;
const restarts: number[] = [];
let stopping = false;

/** Demo content on an empty database (DEMO_CONTENT=off to skip): articles, tiers, and supporters. */
async function seedDemoData(prisma: PrismaClient, env: NodeJS.ProcessEnv, target: DatabaseTarget): Promise<void> {
  if (env.DEMO_CONTENT === 'off') return;
  const seeded = await seedDemoIfEmpty(prisma);
  if (seeded) {
    // The topic rounds go with the articles (their winners link to them); the demo patrons vote below.
    const rounds = await seedDemoRounds(prisma);
    await seedDemoSpending(prisma);
    await seedDemoNewsletters(prisma);
    log(`Seeded the demo newsroom: ${seeded} articles, ${rounds.length} topic rounds (remove with: npm run demo:remove).`);
  }
  const tiers = await seedDemoTiersWith(prisma, env);
  if (tiers?.created) log(`Seeded ${tiers.created} demo membership tiers.`);
  if (tiers?.failed.length) log(`Could not sync tiers to Stripe: ${tiers.failed.join('; ')}`);
  // A fresh database also gets demo supporters for the dashboards (DEMO_PATRONS=0 to skip); the
  // manifest of their expected figures goes next to the data folder.
  const demoPatrons = Number(env.DEMO_PATRONS ?? 300);
  if (seeded && demoPatrons > 0) {
    const manifest = await seedDemoPatrons(prisma, { patrons: demoPatrons });
    const file = path.join(target.kind === 'pglite' ? path.dirname(target.dataDir) : path.join(root, 'data'), 'demo-patrons.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
    log(`Seeded ${manifest.members} demo patrons (remove with: npm run demo:remove).`);
  }
}

function serve(env: NodeJS.ProcessEnv): void {
  const server = spawn(bin('tsx'), [path.join(root, 'scripts', 'serve.ts')], { stdio: 'inherit', env });
  children.push(server);
  server.on('exit', (code, signal) => {
    children.splice(children.indexOf(server), 1);
    if (stopping) return;
    // Exit 0 is a shutdown someone asked the server for: stop too.
    if (code === 0) {
      void shutdown(0);
      return;
    }
    const now = Date.now();
    while (restarts.length && now - restarts[0]! > 60_000) restarts.shift();
    if (restarts.length >= RESTARTS_PER_MINUTE) {
      log(`The server stopped (${signal ?? `exit ${code}`}) ${RESTARTS_PER_MINUTE} times within a minute; giving up.`);
      void shutdown(1);
      return;
    }
    restarts.push(now);
    log(`The server stopped (${signal ?? `exit ${code}`}); starting it again.`);
    serve(env);
  });
}

/** Stops the server first (it finishes its requests in flight: scripts/serve.ts), then the stand-in; then exits. */
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // The server was spawned last; what it is finishing may still call the stand-in.
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((err: Error) => {
  console.error(`[patronage] ${err.message}`);
  void shutdown(1);
});
