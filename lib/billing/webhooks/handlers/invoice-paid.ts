import { convertPendingVotes } from '@/lib/voting/pending';
import { syncInvoice } from '../../mirror/invoice';
import { getPreparedSql } from '@/lib/db/client';
import { objectId, type EventHandler } from '../types';

/**
 * invoice.paid: mirror the invoice and its charge; renewals get a receipt email (once per invoice).
 * A payment that landed is also when a new patron's pending topic picks become votes (idempotent).
 */
export const handleInvoicePaid: EventHandler = async (event, ctx) => {
  const result = await syncInvoice(objectId(event), { receipt: true, stamp: ctx?.stamp });
  if (result.userId && (await hasPendingPicks(result.userId))) await convertPendingVotes(result.userId);
  return result;
};

/** Most payers never picked a topic before paying: one cheap read spares the conversion's queries. */
async function hasPendingPicks(userId: string): Promise<boolean> {
  const sql = await getPreparedSql();
  const [row] = await sql.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "PendingVote" WHERE "userId" = $1::text) AS "any"`, [
    userId,
  ]);
  return row?.any ?? false;
}
