/**
 * Running jobs: the worker every app node runs by default (WORKER=off turns it off on a node) and
 * `npm run worker` runs alone. Handlers are plain functions of the job's data; a handler that throws
 * fails the job, which pg-boss retries with its queue's backoff, then keeps as failed (/desk/jobs).
 */
import { getQueue } from './queue';
import { QUEUE_NAMES, queueSettings, type QueueName } from './queues';

export type JobContext = { id: string; retryCount: number; retryLimit: number };
export type JobHandler = (data: Record<string, unknown>, job: JobContext) => Promise<unknown>;
export type JobHandlers = Record<QueueName, JobHandler>;

const state = ((globalThis as { __patronageWorker?: { startedAt: number; stop?: () => Promise<void> } }).__patronageWorker ??= {
  startedAt: 0,
});

type FetchedJob = { id: string; data: unknown; retryCount: number; retryLimit: number };

async function runOne(handlers: JobHandlers, name: QueueName, job: FetchedJob): Promise<void> {
  await handlers[name]((job.data ?? {}) as Record<string, unknown>, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit });
}

/** Starts polling every queue and, once per cluster, the cron schedules. */
export async function startWorker(
  handlers: JobHandlers,
  { pollingIntervalSeconds = 1 }: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  const boss = await getQueue({ maintenance: true });
  for (const name of QUEUE_NAMES) {
    await boss.work(name, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async ([job]) => {
      if (job) await runOne(handlers, name, job);
    });
    const cron = queueSettings(name).cron;
    if (cron) await boss.schedule(name, cron, {}, { tz: 'UTC' });
  }
  state.startedAt = Date.now();
  state.stop = async () => {
    for (const name of QUEUE_NAMES) await boss.offWork(name);
    state.startedAt = 0;
  };
}

export async function stopWorker(): Promise<void> {
  await state.stop?.();
  state.stop = undefined;
}

/** For /api/health: whether this process runs the worker. */
export function workerIsRunning(): boolean {
  return state.startedAt > 0;
}

/**
 * Runs queued jobs in this process until none is left (tests and one-off commands). With
 * `ignoreDelays`, jobs waiting for a retry run at once. Returns how many ran and how many failed.
 */
export async function runJobsUntilIdle(
  handlers: JobHandlers,
  { names = QUEUE_NAMES, ignoreDelays = false, maxJobs = 10_000 }: { names?: QueueName[]; ignoreDelays?: boolean; maxJobs?: number } = {},
): Promise<{ ran: number; failed: number }> {
  const boss = await getQueue();
  let ran = 0;
  let failed = 0;
  for (let idle = false; !idle && ran < maxJobs;) {
    idle = true;
    for (const name of names) {
      const [job] = await boss.fetch(name, { batchSize: 1, includeMetadata: true, ignoreStartAfter: ignoreDelays });
      if (!job) continue;
      idle = false;
      ran++;
      try {
        await runOne(handlers, name, job);
        await boss.complete(name, job.id);
      } catch (err) {
        failed++;
        await boss.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return { ran, failed };
}
