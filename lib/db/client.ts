import { PrismaClient } from '@/lib/generated/prisma/client';
import type { PGlite } from '@electric-sql/pglite';
import { databaseTargetFromEnv, type DatabaseTarget } from './config';
import { openPglite } from './pglite';
import { attachSql, prepared, sqlOf, sqlOn, sqlOnPgPool, type Sql } from './sql';
import { inProcessContext } from '@/lib/runtime/process-context';
import { onShutdown } from '@/lib/runtime/lifecycle';

export type Db = PrismaClient;

/**
 * The one place that builds a Prisma client. PGlite is opened lazily: `next build` imports route
 * modules, and opening PGlite at import time would create its data folder during the build.
 */
export async function createPrismaClient(target: DatabaseTarget): Promise<{ prisma: PrismaClient; close: () => Promise<void> }> {
  if (target.kind === 'postgres') return clientOnPostgres(target.url, Number(process.env.DATABASE_POOL_SIZE ?? 10));
  return clientOnPglite(await openPglite(target.dataDir));
}

/** Prisma and the raw-SQL path (`getSql`) share one pg pool. */
export async function clientOnPostgres(url: string, max: number): Promise<{ prisma: PrismaClient; close: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  // Pooled connections outlive the request that opens them: their sockets are opened in the
  // process's async context, or each would keep that request's render state alive (README "Memory").
  class ProcessContextClient extends pg.Client {}
  const connect = pg.Client.prototype.connect;
  ProcessContextClient.prototype.connect = function (this: InstanceType<typeof pg.Client>, ...args: unknown[]) {
    return inProcessContext(() => (connect as (...a: unknown[]) => unknown).apply(this, args));
  } as typeof connect;
  const pool = new pg.Pool({ connectionString: url, max, Client: ProcessContextClient });
  // An idle pooled connection that the server ends (a restart, an administrator, a test database
  // dropped WITH (FORCE) while the closing connections are still going away) is removed from the pool
  // and reported here; without a listener the pool's 'error' event would crash the process.
  pool.on('error', (err) => console.error('[db] idle connection closed by the server:', err.message));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  attachSql(prisma, sqlOnPgPool(pool));
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function clientOnPglite(pglite: PGlite): Promise<{ prisma: PrismaClient; close: () => Promise<void> }> {
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  attachSql(prisma, sqlOn(pglite));
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * Applies pending migrations, then returns a client on the same database. On PGlite both use one
 * instance: the data folder is opened once (it allows one process, and opening costs seconds).
 */
export async function openMigratedDatabase(
  target: DatabaseTarget,
): Promise<{ prisma: PrismaClient; close: () => Promise<void>; applied: string[] }> {
  const { applyMigrations, applyMigrationsToPglite } = await import('./migrate');
  if (target.kind === 'postgres') {
    const applied = await applyMigrations(target);
    return { ...(await createPrismaClient(target)), applied };
  }
  const pglite = await openPglite(target.dataDir);
  try {
    const applied = await applyMigrationsToPglite(pglite);
    return { ...(await clientOnPglite(pglite)), applied };
  } catch (err) {
    await pglite.close();
    throw err;
  }
}

// One client per process (kept on globalThis so Next's dev reloads reuse it).
const globalForDb = globalThis as unknown as { __patronageDb?: Promise<PrismaClient> };

/** The application's database client. */
export function getDb(): Promise<PrismaClient> {
  // Created, and connected, in the process's async context: the first request to ask must not be kept
  // alive by the client, nor by the query compiler Prisma loads on connecting and caches per module.
  globalForDb.__patronageDb ??= inProcessContext(openAppDatabase);
  return globalForDb.__patronageDb;
}

function openAppDatabase(): Promise<PrismaClient> {
  const opening = (async () => {
    const { prisma, close } = await createPrismaClient(databaseTargetFromEnv());
    try {
      await prisma.$connect();
    } catch (err) {
      await close().catch(() => undefined);
      throw err;
    }
    onShutdown('database', close);
    return prisma;
  })();
  // A failed start (the database was down) is not remembered: the next call tries again.
  opening.catch(() => {
    if (globalForDb.__patronageDb === opening) globalForDb.__patronageDb = undefined;
  });
  return opening;
}

/** The raw-SQL path on the application's database (see lib/db/sql.ts for when to use it). */
export async function getSql(): Promise<Sql> {
  return sqlOf(await getDb());
}

/** The raw-SQL path with every statement prepared once per connection (QueryOptions.prepared in lib/db/sql.ts). */
export async function getPreparedSql(): Promise<Sql> {
  return prepared(await getSql());
}

/** Lets tests point the app's code at a database they created. */
export function setDbForTesting(prisma: PrismaClient | undefined): void {
  globalForDb.__patronageDb = prisma ? Promise.resolve(prisma) : undefined;
}
