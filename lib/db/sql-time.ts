/**
 * Instants on the raw-SQL path (lib/db/sql.ts): timestamp(3) columns hold UTC wall time, so instants
 * go in as ISO strings read as `timestamptz` and converted to UTC, and come out `AT TIME ZONE 'UTC'`.
 * This keeps raw writes identical to Prisma's whatever the session or process time zone.
 */

/** An ISO-instant parameter (`$n`) as a UTC wall-time timestamp. */
export const utcParam = (param: string): string => `(${param}::timestamptz AT TIME ZONE 'UTC')`;

/** The statement's "now" as a UTC wall-time timestamp. */
export const NOW_UTC = `(now() AT TIME ZONE 'UTC')`;

/** A column read back as an instant (the `pg` driver would read a bare timestamp in local time). */
export const asInstant = (column: string, alias: string): string => `${column} AT TIME ZONE 'UTC' AS "${alias}"`;
