import { describe, expect, it } from 'vitest';
import { setupTestDb } from './testing-vitest';
import { getPreparedSql, getSql } from './client';
import { preparedName } from './sql';

describe('the raw-SQL path beside Prisma', () => {
  const db = setupTestDb();

  it('reads and writes the same database as Prisma, with instants as written', async () => {
    const createdAt = new Date('2026-03-29T01:30:00.123Z'); // a daylight-saving night in Europe
    const user = await db.prisma.user.create({ data: { email: `sql-${Date.now()}@example.test`, createdAt } });
    const sql = await getSql();
    const rows = await sql.query<{ id: string; createdAt: Date; n: number }>(
      `SELECT id, "createdAt" AT TIME ZONE 'UTC' AS "createdAt", (SELECT count(*)::int FROM "User") AS n FROM "User" WHERE id = $1`,
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.createdAt.toISOString()).toBe(createdAt.toISOString());
    expect(rows[0]!.n).toBe(await db.prisma.user.count());

    await sql.query(`UPDATE "User" SET name = $1 WHERE id = $2`, ['Raw Writer', user.id]);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe('Raw Writer');
  });

  it('a transaction commits what its callback wrote, rolls everything back when it throws, and nests', async () => {
    const sql = await getSql();
    const email = (n: string) => `tx-${n}-${Date.now()}@example.test`;
    const kept = email('kept');
    await sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES (gen_random_uuid()::text, $1, now())`, [kept]);
      await tx.transaction((inner) => inner.query(`UPDATE "User" SET name = 'Nested' WHERE email = $1`, [kept]));
    });
    expect(await db.prisma.user.findUnique({ where: { email: kept } })).toMatchObject({ name: 'Nested' });

    const lost = email('lost');
    const failing = sql.transaction(async (tx) => {
      await tx.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES (gen_random_uuid()::text, $1, now())`, [lost]);
      throw new Error('changed my mind');
    });
    await expect(failing).rejects.toThrow('changed my mind');
    expect(await db.prisma.user.findUnique({ where: { email: lost } })).toBeNull();
    // The connection went back to the pool usable.
    expect(await sql.query<{ one: number }>(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  it('a prepared statement is named after its text, once per connection (PostgreSQL), with the same rows', async () => {
    const text = `SELECT count(*)::int AS n FROM "User" WHERE email LIKE $1`;
    expect(preparedName(text)).toBe(preparedName(text));
    expect(preparedName(text)).not.toBe(preparedName(`${text} `));
    const sql = await getPreparedSql();
    expect(sql).toBe(await getPreparedSql());
    const plain = await (await getSql()).query<{ n: number }>(text, ['%@example.test']);
    const names = await sql.transaction(async (tx) => {
      expect(await tx.query<{ n: number }>(text, ['%@example.test'])).toEqual(plain);
      expect(await tx.query<{ n: number }>(text, ['%@example.test'])).toEqual(plain);
      return tx.query<{ name: string }>(`SELECT name FROM pg_prepared_statements`);
    });
    // PGlite ignores statement names; the pg pool prepares the statement on the transaction's connection.
    if (db.kind === 'postgres') expect(names.map((r) => r.name)).toContain(preparedName(text));
  });
});
