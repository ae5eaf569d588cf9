/**
 * Scheduled work of a server process, every minute: articles that went live on their own (scheduled
 * ones) close the loop for the topics they were commissioned from, topic updates whose emails were cut
 * short are finished, and expired sign-in tokens and limit counters are purged. Each job is idempotent, so several processes running them is harmless.
 * `/api/health` reports a loop that stopped running.
 */
import { purgeExpired } from '@/lib/limits/purge';
import { closeLoopForLiveArticles } from '@/lib/voting/scheduled';
import { notifyPendingTopicUpdates } from '@/lib/voting/progress-notify';
import { onShutdown } from './lifecycle';

const JOBS: [name: string, run: () => Promise<unknown>][] = [
  ['closing the loop for live articles', () => closeLoopForLiveArticles()],
  ['emailing topic updates to followers', () => notifyPendingTopicUpdates()],
  ['purging expired tokens and limit counters', () => purgeExpired()],
];

export const SCHEDULE_INTERVAL_MS = 60_000;
const g = globalThis as unknown as { __patronageScheduler?: { lastRunAt: number } };

export function startScheduledWork(): void {
  if (g.__patronageScheduler) return;
  const state = (g.__patronageScheduler = { lastRunAt: Date.now() });
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    state.lastRunAt = Date.now();
    running = Promise.all(
      JOBS.map(([name, run]) => run().catch((err: unknown) => console.error(`[scheduled] ${name} failed:`, err instanceof Error ? err.message : err))),
    ).then(() => undefined);
  }, SCHEDULE_INTERVAL_MS).unref();
  // At shutdown: no new run, and the one under way finishes before the database closes.
  onShutdown('scheduled work', async () => {
    clearInterval(timer);
    await running;
  });
}

/** Whether the loop ran within two intervals; null where this process runs no scheduled work. */
export function schedulerIsAlive(now = Date.now()): boolean | null {
  const state = g.__patronageScheduler;
  return state ? now - state.lastRunAt <= 2 * SCHEDULE_INTERVAL_MS : null;
}
