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

async function createPostgresTestDb(adminUrl: string): Promise<TestDb> {
  const { default: pg } = await import('pg');
  const name = `patronage_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations({ kind: 'postgres', url: url.toString() });
  const { prisma, close } = await clientOnPostgres(url.toString(), 20);
  return {
    prisma,
    kind: 'postgres',
    url: url.toString(),
    close: async () => {
      await close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}
