/**
 * Scheduled work of a server process: every minute, articles that went live on their own (scheduled
 * ones) close the loop for the topics they were commissioned from. Each run is idempotent, so several
 * processes running it is harmless. `/api/health` reports a loop that stopped running.
 */
import { closeLoopForLiveArticles } from '@/lib/voting/scheduled';
import { onShutdown } from './lifecycle';

export const SCHEDULE_INTERVAL_MS = 60_000;
const g = globalThis as unknown as { __patronageScheduler?: { lastRunAt: number } };

export function startScheduledWork(): void {
  if (g.__patronageScheduler) return;
  const state = (g.__patronageScheduler = { lastRunAt: Date.now() });
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    state.lastRunAt = Date.now();
    running = closeLoopForLiveArticles().then(
      () => undefined,
      (err: unknown) => console.error('[scheduled] closing the loop for live articles failed:', err instanceof Error ? err.message : err),
    );
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
