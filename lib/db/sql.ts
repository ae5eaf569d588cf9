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
  /**
   * Runs `fn` in one transaction on one connection, committed when it resolves and rolled back when it
   * throws. Inside, use only `tx` (on PGlite the instance is exclusive meanwhile: a query on the outer
   * path would wait for the transaction forever). A nested call runs inside the same transaction.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
};

// On globalThis, like the client itself (lib/db/client.ts): Next may load this module more than once
// (separate server chunks), and every copy must find the raw-SQL path of the one shared client.
const sqlOfClient = ((globalThis as { __patronageSqlOf?: WeakMap<PrismaClient, Sql> }).__patronageSqlOf ??= new WeakMap<
  PrismaClient,
  Sql
>());

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

/** The one row of a query that always returns exactly one (an aggregate, `RETURNING` of one insert). */
export function onlyRow<Row>(rows: Row[]): Row {
  const row = rows[0];
  if (!row) throw new Error('A query that always returns one row returned none.');
  return row;
}

type Rows = Record<string, unknown>[];
type Queryable = {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
};
type PgliteLike = Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> };

type PgQueryable = {
  query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
  query(text: string): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
};
type PgPoolLike = PgQueryable & { connect(): Promise<PgQueryable & { release(err?: Error | boolean): void }> };

/** `query` on a pg pool or one of its clients: a named query becomes a prepared statement on each connection. */
const pgQuery =
  (q: PgQueryable) =>
  async <Row extends Record<string, unknown>>(text: string, params: unknown[] = [], opts: { name?: string } = {}) =>
    (await q.query({ text, values: params, ...(opts.name ? { name: opts.name } : {}) })).rows as Row[];

/** Without parameters `pg` uses the simple protocol, which runs several statements (one result each). */
const pgScript = (q: PgQueryable) => async (text: string) => {
  const result = await q.query(text);
  return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as Rows;
};

/** The raw-SQL path on a `pg` pool; a transaction holds one pooled connection. */
export function sqlOnPgPool(pool: PgPoolLike): Sql {
  return {
    query: pgQuery(pool),
    script: pgScript(pool),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      const tx: Sql = { query: pgQuery(client), script: pgScript(client), transaction: (inner) => inner(tx) };
      let broken: Error | undefined;
      try {
        await client.query({ text: 'BEGIN', values: [] });
        const result = await fn(tx);
        await client.query({ text: 'COMMIT', values: [] });
        return result;
      } catch (e) {
        // A connection whose ROLLBACK failed is in an unknown state: the pool drops it.
        await client.query({ text: 'ROLLBACK', values: [] }).catch((err: Error) => (broken = err));
        throw e;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** The raw-SQL path on PGlite (named statements are ignored). */
export function sqlOn(queryable: PgliteLike): Sql {
  const on =
    (q: Queryable): Sql['query'] =>
    async <Row extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
      (await q.query(text, params)).rows as Row[];
  const script = (q: Queryable) => async (text: string) => ((await q.exec(text)).at(-1)?.rows ?? []) as Rows;
  return {
    query: on(queryable),
    script: script(queryable),
    transaction: (fn) =>
      queryable.transaction((q) => {
        const tx: Sql = { query: on(q), script: script(q as Queryable), transaction: (inner) => inner(tx) };
        return fn(tx);
      }),
  };
}
