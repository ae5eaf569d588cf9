import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, diffMigrationsToSchema, readMigrations } from './migrate';
import { createTestDb, type TestDb } from './testing';

describe('migrations', () => {
  it('produce exactly what schema.prisma describes (no drift)', async () => {
    expect(await diffMigrationsToSchema()).toBe('');
  });

  it('are in Prisma folder format with a postgresql lock file', async () => {
    const list = await readMigrations();
    expect(list.migrationDirectories.length).toBeGreaterThan(0);
    for (const dir of list.migrationDirectories) {
      expect(dir.path).toMatch(/^\d{14}_[a-z0-9_]+$/i);
      expect(dir.migrationFile.content.tag).toBe('ok');
    }
    expect(list.lockfile.content).toMatch(/provider = "postgresql"/);
  });

  describe('applied to a fresh database', () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await createTestDb({ useAsAppDb: false });
    });
    afterAll(async () => db?.close());

    it('write _prisma_migrations the way Prisma does, so `prisma migrate deploy` accepts the database', async () => {
      const columns = await db.prisma.$queryRaw<{ column_name: string; data_type: string; character_maximum_length: number | null }[]>`
        SELECT column_name, data_type, character_maximum_length FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`;
      expect(columns.map((c) => [c.column_name, c.data_type, c.character_maximum_length])).toEqual([
        ['id', 'character varying', 36],
        ['checksum', 'character varying', 64],
        ['finished_at', 'timestamp with time zone', null],
        ['migration_name', 'character varying', 255],
        ['logs', 'text', null],
        ['rolled_back_at', 'timestamp with time zone', null],
        ['started_at', 'timestamp with time zone', null],
        ['applied_steps_count', 'integer', null],
      ]);
      const rows = await db.prisma.$queryRaw<
        {
          id: string;
          checksum: string;
          migration_name: string;
          finished_at: Date | null;
          rolled_back_at: Date | null;
          applied_steps_count: number;
        }[]
      >`
        SELECT id, checksum, migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`;
      const names = (await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      expect(rows.map((r) => r.migration_name)).toEqual(names);
      for (const row of rows) {
        const sql = await fs.readFile(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
        expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    });

    it('install the search trigger that keeps searchVector current', async () => {
      const section = await db.prisma.section.create({ data: { slug: 's', name: 'S' } });
      await db.prisma.article.create({
        data: { slug: 'a', title: 'Ferry returns to Eastbank', body: 'The council voted.', sectionId: section.id },
      });
      const hits = await db.prisma.$queryRaw<{ slug: string }[]>`
        SELECT slug FROM "Article" WHERE "searchVector" @@ websearch_to_tsquery('english', 'ferries')`;
      expect(hits.map((h) => h.slug)).toEqual(['a']);
    });
  });
});
