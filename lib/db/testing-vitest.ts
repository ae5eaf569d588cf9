/** Vitest hook: a fresh, migrated database for the test file (see createTestDb), closed after it. */
import { afterAll, beforeAll } from 'vitest';
import { createTestDb, type TestDb } from './testing';

export function setupTestDb(): Pick<TestDb, 'prisma' | 'kind' | 'url'> {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  const current = () => {
    if (!db) throw new Error('setupTestDb(): the database exists only inside tests and hooks');
    return db;
  };
  return {
    get prisma() {
      return current().prisma;
    },
    get kind() {
      return current().kind;
    },
    get url() {
      return current().url;
    },
  };
}
