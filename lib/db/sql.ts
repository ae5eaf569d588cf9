/**
 * A thin raw-SQL path beside Prisma, for the few hot paths whose cost is Prisma's per-query CPU
 * (measured on this machine: ~200 µs of client CPU per `$queryRaw`, ~50 µs for the same query on
 * the `pg` pool underneath). It shares Prisma's connections: the same `pg.Pool` on PostgreSQL, the
 * same PGlite instance in embedded mode, so there is still one database client per process.
 *
 * Rules for callers: parameters only as `$1…$n` (never string-built SQL); return instants as
 * `timestamptz` (`col AT TIME ZONE 'UTC'`) because timestamp(3) columns hold UTC wall time and the
 * `pg` driver would read a bare `timestamp` in the process's local zone; cast counts to `int`.
 */
import type { PrismaClient } from '@/lib/generated/prisma/client';

export type Sql = {
  /**
   * `opts.name` (PostgreSQL only; ignored on PGlite) makes it a named prepared statement, parsed and
   * planned once per connection: only for a few very hot statements whose text never changes.
   */
  query<Row extends Record<string, unknown>>(text: string, params?: unknown[], opts?: { name?: string }): Promise<Row[]>;
  /** Several statements without parameters in one round trip (the job queue's own DDL); the last one's rows. */
  script(text: string): Promise<Record<string, unknown>[]>;
};

// On globalThis, like the client itself (lib/db/client.ts): Next may load this module more than once
// (separate server chunks), and every copy must find the raw-SQL path of the one shared client.
const sqlOfClient = ((globalThis as { __patronageSqlOf?: WeakMap<PrismaClient, Sql> }).__patronageSqlOf ??= new WeakMap<PrismaClient, Sql>());

/** Called by the client factory: `prisma` and `sql` reach the same database through the same connections. */
export function attachSql(prisma: PrismaClient, sql: Sql): void {
  sqlOfClient.set(prisma, sql);
}

/** The raw-SQL path of a client built by `lib/db/client.ts`. */
export function sqlOf(prisma: PrismaClient): Sql {
  const sql = sqlOfClient.get(prisma);
  if (!sql) throw new Error('This Prisma client was not built by lib/db/client.ts, so it has no raw-SQL path.');
  return sql;
}

type Queryable = { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>; exec(text: string): Promise<{ rows: unknown[] }[]> };

type PgQueryable = {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
  query(text: string): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
};

type Rows = Record<string, unknown>[];

/** The raw-SQL path on a `pg` pool: a named query becomes a prepared statement on each connection. */
export function sqlOnPgPool(pool: PgQueryable): Sql {
  return {
    query: async <Row extends Record<string, unknown>>(text: string, params: unknown[] = [], opts: { name?: string } = {}) =>
      (await pool.query({ text, values: params, ...(opts.name ? { name: opts.name } : {}) })).rows as Row[],
    // Without parameters `pg` uses the simple protocol, which runs several statements (one result each).
    script: async (text: string) => {
      const result = await pool.query(text);
      return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as Rows;
    },
  };
}

export function sqlOn(queryable: Queryable): Sql {
  return {
    query: async <Row extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await queryable.query(text, params)).rows as Row[],
    script: async (text: string) => ((await queryable.exec(text)).at(-1)?.rows ?? []) as Rows,
  };
}
