/** Reading the local outbox (test mode only; callers check mailToOutbox()). */
import { getDb } from '@/lib/db/client';

export async function listOutbox({ take = 100 }: { take?: number } = {}) {
  const db = await getDb();
  return db.email.findMany({
    where: { transport: 'outbox' },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, to: true, subject: true, kind: true, createdAt: true },
  });
}

export async function getOutboxMessage(id: string) {
  const db = await getDb();
  return db.email.findFirst({ where: { id, transport: 'outbox' } });
}

/** The newest messages for one address (case-insensitive), newest first. */
export async function latestOutboxFor(to: string, take = 10) {
  const db = await getDb();
  return db.email.findMany({
    where: { transport: 'outbox', to: { equals: to.trim(), mode: 'insensitive' } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });
}
