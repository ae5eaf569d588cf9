/**
 * `npm run stripe:sync`: re-sync every Stripe subscription into the database and report drift.
 *   --emails   also send the billing emails missed webhooks would have sent
 */
import { reconcileSubscriptions } from '@/lib/billing/reconcile';

async function main(): Promise<void> {
  const emails = process.argv.includes('--emails');
  const report = await reconcileSubscriptions({ emails, log: (line) => console.log(line) });
  console.log(
    `\n${report.seen} subscriptions in Stripe: ${report.created.length} created, ${report.updated.length} updated (drift repaired), ` +
      `${report.unchanged} unchanged, ${report.skipped.length} skipped, ${report.failed.length} failed.`,
  );
  process.exitCode = report.failed.length ? 1 : 0;
}

main().then(
  () => process.exit(),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
