/**
 * The members list as CSV, streamed: ids are read in the list's order a chunk at a time (keyset
 * paging), and each chunk's rows are loaded and written, so 100,000 members never sit in memory at once.
 */
import { csvRow } from './csv';
import { minorToMajorString } from '@/lib/format/money';
import { memberIdChunks, memberRowsByIds, type MemberQuery, type MemberRow } from './members';

export const MEMBER_CSV_HEADER = [
  'id',
  'email',
  'name',
  'status',
  'patron',
  'tier',
  'cadence',
  'currency',
  'amount',
  'monthly_amount',
  'joined',
  'imported_at',
  'voted',
  'stripe_customer_id',
];
const CHUNK = 1000;

const major = (minor: number | null) => (minor === null ? '' : minorToMajorString(minor));

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
  let chunks: AsyncGenerator<string[]> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (chunks === null) {
        chunks = memberIdChunks(query, CHUNK, now);
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(MEMBER_CSV_HEADER)}`));
        return;
      }
      const { value: ids, done } = await chunks.next();
      if (done) {
        controller.close();
        return;
      }
      const rows = await memberRowsByIds(ids, now);
      controller.enqueue(encoder.encode(rows.map(memberCsvLine).join('')));
    },
    async cancel() {
      await chunks?.return(undefined);
    },
  });
}
