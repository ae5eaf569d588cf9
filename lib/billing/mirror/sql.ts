/**
 * The mirror's database path and the database clock that orders the mirror (README "Billing: mirror
 * ordering"). The mirror and the webhook path run raw SQL through `getPreparedSql()` (lib/db): a
 * handful of fixed statements run thousands of times, and PostgreSQL spent more CPU parsing and
 * planning them than executing them (the record-and-claim statement: 0.69 ms of backend CPU unnamed,
 * 0.28 ms prepared).
 */
import { getPreparedSql } from '@/lib/db/client';
import { onlyRow, type Sql } from '@/lib/db/sql';

/**
 * A mirror stamp: the database clock, read BEFORE fetching an object from Stripe. Every node reads the
 * same clock (app clocks may disagree by more than two fetches are apart), and a fetch that starts
 * after the stamp returns a state at least as new as Stripe's at the stamp. A row is overwritten only
 * by a write whose stamp is later than the one stored with it. ISO text in UTC with microseconds (a JS
 * Date would keep milliseconds), passed back as `$n::timestamptz`.
 */
export type MirrorStamp = string & { readonly __mirrorStamp: unique symbol };

/** The stamp as a SQL expression, for statements that read it along the way (the webhook's claim). Fixed width in UTC, so two stamps also compare as strings (in-process coalescing does). */
export const MIRROR_CLOCK = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function mirrorClock(sql?: Sql): Promise<MirrorStamp> {
  sql ??= await getPreparedSql();
  return onlyRow(await sql.query<{ at: MirrorStamp }>(`SELECT ${MIRROR_CLOCK} AS at`)).at;
}

/** The WHERE of a mirror upsert: the stored row is replaced only by a newer fetch (`$n` is the stamp). */
export const newerFetch = (table: string, param: string): string =>
  `"${table}"."fetchedAt" IS NULL OR "${table}"."fetchedAt" < ${param}::timestamptz`;
