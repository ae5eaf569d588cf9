/**
 * Background work of an app node: the job queue's worker (emails, and the scheduled jobs whose cron
 * ticks pg-boss creates once across the cluster). On by default, so `npm start` needs nothing else;
 * WORKER=off turns it off on a node when `npm run worker` runs apart (README "Background jobs").
 */
import { getDb } from '@/lib/db/client';
import { runQueueMaintenanceInThisProcess, stopQueueOf } from '@/lib/jobs/queue';
import { JOB_HANDLERS } from '@/lib/jobs/handlers';
import { startWorker, stopWorker, workerIsRunning } from '@/lib/jobs/worker';
import { onShutdown } from './lifecycle';

const g = globalThis as unknown as { __patronageBackground?: 'starting' | 'ok' | 'retrying' | 'off' };
const RETRY_MS = 10_000;

export function workerWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.WORKER ?? '').trim().toLowerCase() !== 'off';
}

/**
 * Starts the worker without holding up the server: a node whose database is down still starts and
 * reports it (/api/health), and the worker starts once the database answers.
 */
export function startBackgroundJobs(): void {
  if (g.__patronageBackground) return;
  if (!workerWanted()) {
    g.__patronageBackground = 'off';
    return;
  }
  g.__patronageBackground = 'starting';
  runQueueMaintenanceInThisProcess();
  let stopped = false;
  let registered = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = async (): Promise<void> => {
    try {
      // The database first: closers run newest first, so the worker stops before the pool it uses closes.
      const db = await getDb();
      if (stopped) return;
      if (!registered) {
        registered = true;
        onShutdown('background jobs', async () => {
          stopped = true;
          clearTimeout(timer);
          await stopWorker();
          await stopQueueOf(db);
        });
      }
      await startWorker(JOB_HANDLERS);
      g.__patronageBackground = 'ok';
    } catch (err) {
      g.__patronageBackground = 'retrying';
      console.error(`[jobs] the worker did not start (trying again in ${RETRY_MS / 1000} s):`, err instanceof Error ? err.message : err);
      if (!stopped) timer = setTimeout(() => void attempt(), RETRY_MS).unref();
    }
  };
  void attempt();
}

/** For /api/health: 'off' where this node runs no worker (WORKER=off, or a process that never started one). */
export function workerHealth(): 'ok' | 'stopped' | 'off' {
  const s = g.__patronageBackground;
  if (!s || s === 'off') return 'off';
  if (s === 'starting') return 'ok';
  return s === 'ok' && workerIsRunning() ? 'ok' : 'stopped';
}
