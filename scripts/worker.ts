/**
 * `npm run worker`: the job worker alone, for production where app nodes run with WORKER=off (or
 * beside them: several workers share the queue safely). Emails, and the scheduled jobs whose cron
 * ticks are created once across the cluster. Stops on SIGTERM/SIGINT after the job under way.
 */
import { captureProcessContext } from '@/lib/runtime/process-context';
import { closeAll } from '@/lib/runtime/lifecycle';
import { startupProblems } from '@/lib/config/mode';

captureProcessContext();
const log = (message: string) => console.log(`[worker] ${message}`);

async function main(): Promise<void> {
  const problems = startupProblems();
  if (problems.length) {
    console.error(`[worker] Refusing to start:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  const { databaseTargetFromEnv } = await import('@/lib/db/config');
  if (databaseTargetFromEnv().kind !== 'postgres') {
    console.error(
      '[worker] DATABASE_URL is not set: the embedded database allows one process, and `npm start` already runs the worker inside it.',
    );
    process.exit(1);
  }
  const { getDb } = await import('@/lib/db/client');
  const { onShutdown } = await import('@/lib/runtime/lifecycle');
  const { startWorker, stopWorker } = await import('@/lib/jobs/worker');
  const { runQueueMaintenanceInThisProcess, stopQueueOf } = await import('@/lib/jobs/queue');
  runQueueMaintenanceInThisProcess();
  const { JOB_HANDLERS } = await import('@/lib/jobs/handlers');
  const db = await getDb();
  onShutdown('worker', async () => {
    await stopWorker();
    await stopQueueOf(db);
  });
  await startWorker(JOB_HANDLERS);
  log('running');
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing the job under way`);
    const failed = await closeAll(Date.now() + 25_000);
    if (failed.length) console.error(`[worker] could not close: ${failed.join(', ')}`);
    process.exit(failed.length ? 1 : 0);
  };
  process.on('SIGTERM', (s) => void stop(s));
  process.on('SIGINT', (s) => void stop(s));
}

main().catch((err: unknown) => {
  console.error('[worker] failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
