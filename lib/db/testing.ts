/**
 * Fresh, migrated databases for tests: in-memory PGlite by default, a new PostgreSQL database
 * (dropped on close) when TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { applyMigrations } from './migrate';
import { clientOnPostgres, openMigratedDatabase, setDbForTesting } from './client';

export type TestDb = { prisma: PrismaClient; kind: 'pglite' | 'postgres'; url?: string; close(): Promise<void> };

export async function createTestDb(opts: { useAsAppDb?: boolean } = {}): Promise<TestDb> {
  const db = process.env.TEST_DATABASE_URL ? await createPostgresTestDb(process.env.TEST_DATABASE_URL) : await createPgliteTestDb();
  if (opts.useAsAppDb ?? true) setDbForTesting(db.prisma);
  const close = db.close;
  return {
    ...db,
    close: async () => {
      if (opts.useAsAppDb ?? true) setDbForTesting(undefined);
      await close();
    },
  };
}

async function createPgliteTestDb(): Promise<TestDb> {
  const { prisma, close } = await openMigratedDatabase({ kind: 'pglite', dataDir: 'memory://' });
  return { prisma, kind: 'pglite', close };
}

/** An empty PostgreSQL database on the server `adminUrl` names (for tests and benchmarks), and how to drop it. */
export async function createScratchDatabase(adminUrl: string, prefix = 'patronage_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const onAdmin = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await onAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function createPostgresTestDb(adminUrl: string): Promise<TestDb> {
  const { url, drop } = await createScratchDatabase(adminUrl);
  await applyMigrations({ kind: 'postgres', url });
  const { prisma, close } = await clientOnPostgres(url, 20);
  return {
    prisma,
    kind: 'postgres',
    url,
    close: async () => {
      await close();
      await drop();
    },
  };
}
