/**
 * Gets a database ready to serve: pending migrations, then whatever seeding the caller passes, once
 * across all nodes. On PostgreSQL both run under a session-level advisory lock held on a connection
 * of their own: nodes starting together queue on it, and each one after the first finds the
 * migrations applied and the seed's "only if empty" checks false. A node that dies holding the lock
 * releases it with its connection. PGlite is one process per data folder: no lock needed.
 */
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { DatabaseTarget } from './config';
import { openMigratedDatabase } from './client';

/** Any constant that no other tool on the database uses as an advisory lock key ("patr"). */
export const PREPARE_LOCK_KEY = 0x70617472;

export type PrepareOptions = {
  seed?: (prisma: PrismaClient) => Promise<void>;
  log?: (message: string) => void;
};

export async function prepareDatabase(target: DatabaseTarget, opts: PrepareOptions = {}): Promise<{ applied: string[] }> {
  if (target.kind === 'pglite') return migrateAndSeed(target, opts);
  const { default: pg } = await import('pg');
  const lock = new pg.Client({ connectionString: target.url });
  await lock.connect();
  try {
    const { rows } = await lock.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [PREPARE_LOCK_KEY]);
    if (!rows[0]?.got) {
      opts.log?.('Another node is migrating or seeding the database: waiting for it.');
      await lock.query('SELECT pg_advisory_lock($1)', [PREPARE_LOCK_KEY]);
    }
    return await migrateAndSeed(target, opts);
  } finally {
    // Ending the session releases the lock too; unlocking first lets the next node go at once.
    await lock.query('SELECT pg_advisory_unlock($1)', [PREPARE_LOCK_KEY]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

async function migrateAndSeed(target: DatabaseTarget, opts: PrepareOptions): Promise<{ applied: string[] }> {
  const { prisma, close, applied } = await openMigratedDatabase(target);
  try {
    await opts.seed?.(prisma);
  } finally {
    await close();
  }
  return { applied };
}
