/**
 * Drift repair: list every subscription in Stripe (all statuses, auto-paginated) and re-sync each into
 * the mirror. Reports what changed. Emails are off by default (an old subscription being imported
 * must not get a welcome email); pass `emails: true` to send what missed webhooks would have sent.
 */
import { getStripe } from './stripe';
import { syncSubscription } from './mirror/subscription';
import type { SyncResult } from './mirror/types';

export type ReconcileReport = {
  seen: number;
  created: SyncResult[];
  updated: SyncResult[];
  unchanged: number;
  skipped: SyncResult[];
  failed: { id: string; error: string }[];
};

export async function reconcileSubscriptions(opts: { emails?: boolean; log?: (line: string) => void } = {}): Promise<ReconcileReport> {
  const report: ReconcileReport = { seen: 0, created: [], updated: [], unchanged: 0, skipped: [], failed: [] };
  const log = opts.log ?? (() => undefined);
  for await (const sub of getStripe().subscriptions.list({ status: 'all', limit: 100 })) {
    report.seen++;
    try {
      const r = await syncSubscription(sub.id, { emails: opts.emails ?? false });
      if (r.action === 'created') report.created.push(r);
      else if (r.action === 'updated') report.updated.push(r);
      else if (r.action === 'skipped') report.skipped.push(r);
      else report.unchanged++;
      if (r.action !== 'unchanged')
        log(`${r.action.padEnd(8)} ${r.id}${r.changes.length ? ` (${r.changes.join(', ')})` : ''}${r.reason ? `: ${r.reason}` : ''}`);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      report.failed.push({ id: sub.id, error });
      log(`failed   ${sub.id}: ${error}`);
    }
  }
  return report;
}
