/** For tests: run every queued job now, as the worker would. */
import { JOB_HANDLERS } from './handlers';
import { runJobsUntilIdle } from './worker';
import type { QueueName } from './queues';

export function drainJobs(opts: { names?: QueueName[]; ignoreDelays?: boolean } = {}): Promise<{ ran: number; failed: number }> {
  return runJobsUntilIdle(JOB_HANDLERS, opts);
}
