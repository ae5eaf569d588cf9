/** True when a (PostgreSQL) unique violation caused `err`: Prisma's P2002, or SQLSTATE 23505 from a raw query. */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; meta?: Record<string, unknown>; message?: unknown; cause?: unknown };
  if (e.code === 'P2002' || e.code === '23505') return true;
  const meta = e.meta ?? {};
  if (meta.code === '23505') return true;
  const driver = meta.driverAdapterError as { cause?: { kind?: string; originalCode?: string } } | undefined;
  if (driver?.cause?.kind === 'UniqueConstraintViolation' || driver?.cause?.originalCode === '23505') return true;
  if (typeof e.message === 'string' && /23505|unique constraint/i.test(e.message)) return true;
  return e.cause ? isUniqueViolation(e.cause) : false;
}
