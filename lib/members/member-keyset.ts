/**
 * Keyset paging for the members list and its CSV export: a page continues from the sort keys of the
 * row before it (or, going back, after it) instead of skipping OFFSET rows, so page 2,000 of 100,000
 * members costs what page 2 costs. A cursor is the sort keys and user id of that row, as text, in an
 * opaque URL-safe string; a forged or stale one is refused with a sentence (MemberQueryError).
 */
import type { MemberQuery } from './members';

type KeyType = 'timestamp' | 'int' | 'text';
type SortKey = { expr: string; type: KeyType; dir: 'ASC' | 'DESC'; nulls: 'FIRST' | 'LAST' };
export type Cursor = { keys: (string | null)[] };

/** The list's ORDER BY as keys; ms."userId" last makes every row's position unique. */
export function sortKeys(q: Pick<MemberQuery, 'sort' | 'dir'>): SortKey[] {
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  const natural = (d: 'ASC' | 'DESC') => (d === 'ASC' ? 'LAST' : 'FIRST'); // PostgreSQL's default
  const id: SortKey = { expr: 'ms."userId"', type: 'text', dir: 'ASC', nulls: 'LAST' };
  switch (q.sort) {
    case 'email':
      return [{ expr: 'u.email', type: 'text', dir, nulls: natural(dir) }, id];
    case 'name':
      return [
        { expr: 'lower(u.name)', type: 'text', dir, nulls: 'LAST' },
        { expr: 'u.email', type: 'text', dir: 'ASC', nulls: 'LAST' },
        id,
      ];
    case 'amount':
      return [{ expr: 'ms."monthlyAmount"', type: 'int', dir, nulls: 'LAST' }, id];
    case 'joined':
      return [
        { expr: 'ms."joinedAt"', type: 'timestamp', dir, nulls: natural(dir) },
        { ...id, dir },
      ];
  }
}

export function orderBy(keys: SortKey[]): string {
  return `ORDER BY ${keys.map((k) => `${k.expr} ${k.dir} NULLS ${k.nulls}`).join(', ')}`;
}

/** The keys read in reverse: `before` pages run the order backwards, then flip their rows. */
export function reversed(keys: SortKey[]): SortKey[] {
  return keys.map((k) => ({ ...k, dir: k.dir === 'ASC' ? 'DESC' : 'ASC', nulls: k.nulls === 'LAST' ? 'FIRST' : 'LAST' }));
}

/** The keys selected as text, to build the next cursor from the page's last row. */
export function keyColumns(keys: SortKey[]): string {
  return keys.map((k, i) => `(${k.expr})::text AS k${i}`).join(', ');
}

/**
 * WHERE condition: rows strictly after the cursor in the order of `keys`. `add` numbers a parameter.
 * Row i of the OR: the first i keys equal the cursor's, key i comes after it.
 */
export function afterCursor(keys: SortKey[], cursor: Cursor, add: (v: unknown) => string): string {
  const value = (i: number) => `${add(cursor.keys[i])}::${keys[i]!.type}`;
  const after = (k: SortKey, i: number): string | null => {
    if (cursor.keys[i] === null) return k.nulls === 'LAST' ? null : `${k.expr} IS NOT NULL`;
    const cmp = `${k.expr} ${k.dir === 'ASC' ? '>' : '<'} ${value(i)}`;
    return k.nulls === 'LAST' ? `(${cmp} OR ${k.expr} IS NULL)` : cmp;
  };
  const equal = (k: SortKey, i: number) => (cursor.keys[i] === null ? `${k.expr} IS NULL` : `${k.expr} = ${value(i)}`);
  const branches = keys
    .map((k, i) => {
      const step = after(k, i);
      return step === null ? null : [...keys.slice(0, i).map(equal), step].join(' AND ');
    })
    .filter((b): b is string => b !== null);
  return branches.length ? `(${branches.map((b) => `(${b})`).join(' OR ')})` : 'FALSE';
}

export function encodeCursor(keys: (string | null)[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

const VALID: Record<KeyType, RegExp> = {
  timestamp: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/,
  int: /^-?\d{1,15}$/,
  text: /^[^\0]{0,400}$/,
};

/** Null when the text is not a cursor for these keys (the caller answers 400). */
export function decodeCursor(text: string, keys: SortKey[]): Cursor | null {
  try {
    const values: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(values) || values.length !== keys.length) return null;
    const ok = values.every((v, i) => (v === null ? i < keys.length - 1 : typeof v === 'string' && VALID[keys[i]!.type].test(v)));
    return ok ? { keys: values as (string | null)[] } : null;
  } catch {
    return null;
  }
}
