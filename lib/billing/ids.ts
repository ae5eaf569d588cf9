/** Small helpers for Stripe's "id or expanded object" fields. */
export function idOf(v: string | { id: string } | null | undefined): string | null {
  if (!v) return null;
  return typeof v === 'string' ? v : v.id;
}

export const fromUnix = (s: number): Date => new Date(s * 1000);
export const fromUnixOrNull = (s: number | null | undefined): Date | null => (s == null ? null : new Date(s * 1000));
