import { getDb } from '@/lib/db/client';
import { convertPendingVotes } from '@/lib/voting/pending';
import { syncInvoice } from '../../sync';
import { objectId, type EventHandler } from '../types';

/**
 * invoice.paid: mirror the invoice and its charge; renewals get a receipt email (once per invoice).
 * A payment that landed is also when a new patron's pending topic picks become votes (idempotent).
 */
export const handleInvoicePaid: EventHandler = async (event) => {
  const result = await syncInvoice(objectId(event), { receipt: true });
  const db = await getDb();
  const invoice = await db.invoice.findUnique({ where: { id: objectId(event) }, select: { userId: true } });
  if (invoice?.userId) await convertPendingVotes(invoice.userId);
  return result;
};
