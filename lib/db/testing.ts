/**
 * Fresh, migrated databases for tests: in-memory PGlite by default, a new PostgreSQL database
 * (dropped on close) when TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres).
 */
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { applyMigrations } from './migrate';
import { clientOnPostgres, openMigratedDatabase, setDbForTesting } from './client';
import { createScratchDatabase } from './scratch';

export { createScratchDatabase };

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
