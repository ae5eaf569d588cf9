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
import { createHash } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * Every statement that reads rows declares its row type once, at its query (`sql.query<Row>`), as the
 * driver returns it: counts cast to `int` or `float8` are numbers, `timestamptz` reads as a Date,
 * `boolean` as a boolean, enums cast to `::text` as strings. Rows are mapped to domain values once,
 * right there; nothing downstream casts a column. Without a row type a query's rows are `never`.
 */
export type Sql = {
  query<Row extends Record<string, unknown> = never>(text: string, params?: unknown[], opts?: QueryOptions): Promise<Row[]>;
  /** Several statements without parameters in one round trip (the job queue's own DDL); the last one's rows. */
  script(text: string): Promise<Record<string, unknown>[]>;
  /**
   * Runs `fn` in one transaction on one connection, committed when it resolves and rolled back when it
   * throws. Inside, use only `tx` (on PGlite the instance is exclusive meanwhile: a query on the outer
   * path would wait for the transaction forever). A nested call runs inside the same transaction.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
};

export type QueryOptions = {
  /**
   * The one prepared-statement mechanism: a statement run with `prepared` is named after its text and
   * so parsed and planned once per pooled connection instead of per call (PostgreSQL; PGlite ignores
   * it). For hot statements whose text is a constant or one of a few shapes; `prepared(sql)` sets it
   * for every statement of a path (the billing mirror's). At most MAX_PREPARED_STATEMENTS texts get a
   * name per process; past that, statements run unnamed (it bounds what each connection holds).
   */
  prepared?: boolean;
};

export const MAX_PREPARED_STATEMENTS = 128;
const preparedNames = new Map<string, string>();

/** The statement name of a text (its hash), or none once the bound is reached. */
export function preparedName(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED_STATEMENTS) {
    name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return name;
}

const preparedOf = new WeakMap<Sql, Sql>();

/** `sql` with every statement prepared (see QueryOptions.prepared); the same wrapper for the same path. */
export function prepared(sql: Sql): Sql {
  let p = preparedOf.get(sql);
  if (!p)
    preparedOf.set(
      sql,
      (p = {
        query: <Row extends Record<string, unknown> = never>(text: string, params?: unknown[]) =>
          sql.query<Row>(text, params, { prepared: true }),
        script: (text) => sql.script(text),
        transaction: (fn) => sql.transaction((tx) => fn(prepared(tx))),
      }),
    );
  return p;
}

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

/** The columns of a row that may be missing (`LEFT JOIN` of a row that may not exist): each one null then. */
export type OrNull<T> = { [K in keyof T]: T[K] | null };

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
const pgQuery = (q: PgQueryable) => {
  const query = async <Row extends Record<string, unknown> = never>(text: string, params: unknown[] = [], opts: QueryOptions = {}) => {
    const name = opts.prepared ? preparedName(text) : undefined;
    return (await q.query({ text, values: params, ...(name ? { name } : {}) })).rows as Row[];
  };
  return query;
};

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
    async <Row extends Record<string, unknown> = never>(text: string, params: unknown[] = []) =>
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
