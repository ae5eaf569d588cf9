import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getSql, setDbForTesting } from '@/lib/db/client';
import { MIGRATIONS_DIR, pendingMigrationNames } from '@/lib/db/migrate';
import { createTestDb } from '@/lib/db/testing';
import { checkHealth } from './health';
import { beginDraining, resetLifecycleForTesting } from './lifecycle';

afterEach(() => resetLifecycleForTesting());

describe('health', () => {
  it('ok on a migrated database; draining once shutdown began; says nothing else', async () => {
    const db = await createTestDb();
    try {
      const health = await checkHealth();
      expect(health).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'current', worker: 'off' } });
      beginDraining();
      expect((await checkHealth()).status).toBe('draining');
    } finally {
      await db.close();
    }
  });

  it('names the migrations the database lacks', async () => {
    const db = await createTestDb();
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
      for (const e of fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true })) if (e.isDirectory()) fs.mkdirSync(path.join(dir, e.name));
      fs.mkdirSync(path.join(dir, '29991231000000_not_yet'));
      expect(await pendingMigrationNames(await getSql(), dir)).toEqual(['29991231000000_not_yet']);
    } finally {
      await db.close();
    }
  });

  it('unavailable when the database cannot be reached, and recovers without a restart', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://patronage@127.0.0.1:9/nowhere';
    setDbForTesting(undefined);
    try {
      const down = await checkHealth();
      expect(down).toEqual({ status: 'unavailable', checks: { database: 'unreachable', migrations: 'unknown', worker: 'off' } });
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
      setDbForTesting(undefined);
    }
    const db = await createTestDb();
    try {
      expect((await checkHealth()).status).toBe('ok');
    } finally {
      await db.close();
    }
  });
});
