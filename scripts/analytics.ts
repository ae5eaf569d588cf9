/**
 *   npm run analytics:recompute   rebuild the dashboard's daily rollups from the raw history
 * (SubscriptionChange + Payment), and the members' summary rows from subscriptions and votes.
 * Safe to run any time; best when the webhook queue is quiet.
 */
import { openMigratedDatabase } from '@/lib/db/client';
import { databaseTargetFromEnv } from '@/lib/db/config';
import { sqlOf } from '@/lib/db/sql';
import { recomputeRollups } from '@/lib/analytics/rollups';
import { rebuildMemberSummaries } from '@/lib/members/member-summary';

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'recompute') throw new Error('Usage: tsx scripts/analytics.ts recompute');
  const { prisma, close } = await openMigratedDatabase(databaseTargetFromEnv());
  try {
    const r = await recomputeRollups({ sql: sqlOf(prisma) });
    console.log(
      `Recomputed the rollups from ${r.changes} history rows and ${r.payments} payments: ${r.rollupRows} rollup rows, ${r.fixedRows} history rows re-derived, in ${(r.ms / 1000).toFixed(1)} s.`,
    );
    const started = Date.now();
    const { members } = await rebuildMemberSummaries(new Date(), sqlOf(prisma));
    console.log(`Rebuilt ${members} member summaries in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await close();
  }
}

main().catch((err: Error) => {
  console.error(
    err.message.includes('lock') ? `${err.message}\n(Is npm start running on the same embedded database? Stop it first.)` : err.message,
  );
  process.exit(1);
});
