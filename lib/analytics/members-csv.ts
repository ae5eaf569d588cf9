/**
 * The members list as CSV, streamed: the matching ids are read once in the list's order, then rows
 * are loaded and written in chunks, so 100,000 members never sit in memory as objects at once.
 */
import { csvRow } from './csv';
import { memberIdsInOrder, memberRowsByIds, type MemberQuery, type MemberRow } from './members';

export const MEMBER_CSV_HEADER = ['id', 'email', 'name', 'status', 'patron', 'tier', 'cadence', 'currency', 'amount', 'monthly_amount', 'joined', 'imported_at', 'voted', 'stripe_customer_id'];
const CHUNK = 1000;

const major = (minor: number | null) => (minor === null ? '' : (minor / 100).toFixed(2));

export function memberCsvLine(r: MemberRow): string {
  return csvRow([
    r.id,
    r.email,
    r.name ?? '',
    r.status,
    r.isPatron ? 'yes' : 'no',
    r.tier?.name ?? '',
    r.cadence?.toLowerCase() ?? '',
    r.currency ?? '',
    major(r.amount),
    major(r.monthlyAmount),
    r.joinedAt.toISOString(),
    r.importedAt?.toISOString() ?? '',
    r.voted ? 'yes' : 'no',
    r.stripeCustomerId ?? '',
  ]);
}

export function membersCsvStream(query: MemberQuery, now: Date = new Date()): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let ids: string[] | null = null;
  let next = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (ids === null) {
        ids = await memberIdsInOrder(query, now);
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(MEMBER_CSV_HEADER)}`));
        return;
      }
      if (next >= ids.length) {
        controller.close();
        return;
      }
      const rows = await memberRowsByIds(ids.slice(next, next + CHUNK), now);
      next += CHUNK;
      controller.enqueue(encoder.encode(rows.map(memberCsvLine).join('')));
    },
  });
}
