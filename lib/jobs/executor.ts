/**
 * How pg-boss reaches the database: through the application's own connections (the `pg` pool on
 * PostgreSQL, the PGlite instance embedded), never a pool of its own. So the queue needs no second
 * connection string, works on PGlite with the same code path, and its sockets are opened in the
 * process's async context like every other (README "Memory").
 */
import type { Db as BossDb } from 'pg-boss';
import type { Sql } from '@/lib/db/sql';

type Row = Record<string, unknown>;

/** pg-boss's database interface on the app's raw-SQL path. Commands without parameters may hold several statements. */
export function bossDbOn(sql: Sql): BossDb {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      if (!values || values.length === 0) return { rows: await sql.script(text) };
      return { rows: await sql.query<Row>(text, values.map(toParameter)) };
    },
  };
}

/** Inside a Prisma interactive transaction: a job enqueued here exists only if the transaction commits. */
export function bossDbInTransaction(tx: { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> }): BossDb {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({
      rows: await tx.$queryRawUnsafe<Row[]>(text, ...values.map(toParameter)),
    }),
  };
}

// Job data are plain objects: sent as JSON text, which the jsonb parameters of pg-boss's SQL parse.
function toParameter(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value)) return JSON.stringify(value);
  return value;
}
