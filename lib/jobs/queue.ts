/**
 * The job queue: pg-boss on the application's database (README "Background jobs"). Emails and
 * scheduled work are jobs; a job enqueued inside a transaction exists only if it commits; failed jobs
 * are kept for admins to see and retry (/desk/jobs). On PostgreSQL several nodes share one queue and
 * pg-boss's row locks (SKIP LOCKED) hand each job to one worker; cron jobs are created once per tick
 * across the cluster. Embedded, the same code runs on PGlite.
 */
import PgBoss from 'pg-boss';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/db/client';
import { sqlOf } from '@/lib/db/sql';
import { inProcessContext } from '@/lib/runtime/process-context';
import { bossDbInTransaction, bossDbOn } from './executor';
import { QUEUE_NAMES, queueSettings, type QueueName } from './queues';

export const JOB_SCHEMA = 'pgboss';

type Started = { boss: PgBoss; withMaintenance: boolean };
// One queue client per database client (tests swap databases; a process has one in production).
const bosses = ((globalThis as { __patronageBoss?: WeakMap<PrismaClient, Promise<Started>> }).__patronageBoss ??= new WeakMap());

const role = ((globalThis as { __patronageQueueRole?: { maintenance: boolean } }).__patronageQueueRole ??= { maintenance: false });

/**
 * A process that will run the worker says so before serving anything, so that a request enqueueing
 * first starts the queue in the worker's role instead of one the worker would then have to replace.
 */
export function runQueueMaintenanceInThisProcess(): void {
  role.maintenance = true;
}

/**
 * The queue on the app's database. `maintenance` (the worker's role) also runs pg-boss's supervisor
 * (expiring and archiving jobs) and its cron clock; enqueueing alone needs neither.
 */
export async function getQueue({ maintenance = role.maintenance }: { maintenance?: boolean } = {}): Promise<PgBoss> {
  const prisma = await getDb();
  let started = bosses.get(prisma);
  if (started && maintenance && !(await started).withMaintenance) {
    await stopQueueOf(prisma);
    started = undefined;
  }
  if (!started) {
    started = inProcessContext(() => startBoss(prisma, maintenance));
    bosses.set(prisma, started);
    started.catch(() => bosses.delete(prisma));
  }
  return (await started).boss;
}

async function startBoss(prisma: PrismaClient, maintenance: boolean): Promise<Started> {
  const boss = new PgBoss({
    db: bossDbOn(sqlOf(prisma)),
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: maintenance,
    schedule: maintenance,
    // Completed jobs are archived after an hour and deleted after a week; failed ones stay visible to
    // admins for a week (/desk/jobs).
    archiveCompletedAfterSeconds: 3600,
    archiveFailedAfterSeconds: 7 * 24 * 3600,
    deleteAfterDays: 7,
  });
  boss.on('error', (err: Error) => console.error('[jobs] queue error:', err.message));
  await boss.start();
  for (const name of QUEUE_NAMES) {
    const s = queueSettings(name);
    const options = {
      name,
      retryLimit: s.retryLimit,
      retryDelay: s.retryDelaySeconds,
      retryBackoff: s.retryBackoff,
      expireInSeconds: s.expireInSeconds,
    };
    // Creating is idempotent; updating keeps the policy current after a setting changed.
    await boss.createQueue(name, options);
    await boss.updateQueue(name, options);
  }
  return { boss, withMaintenance: maintenance };
}

/** Stops the queue client of a database client (shutdown, tests). Jobs under way finish first. */
export async function stopQueueOf(prisma: PrismaClient, { graceful = true } = {}): Promise<void> {
  const started = bosses.get(prisma);
  bosses.delete(prisma);
  if (!started) return;
  const { boss } = await started.catch(() => ({ boss: undefined }));
  await boss?.stop({ graceful, wait: true, close: false, timeout: 20_000 });
}

export type Transaction = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };
export type EnqueueOptions = { tx?: Transaction; startAfterSeconds?: number };

/**
 * Adds one job. With `tx` it is part of that transaction: committed with it, or never there; call
 * `getQueue()` before opening the transaction (starting the queue runs queries of its own, which on
 * PGlite's single connection would wait for the transaction).
 */
export async function enqueue(name: QueueName, data: object, opts: EnqueueOptions = {}): Promise<string> {
  const boss = await getQueue();
  const id = await boss.send(name, data, {
    ...(opts.tx ? { db: bossDbInTransaction(opts.tx) } : {}),
    ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
  });
  if (!id) throw new Error(`The ${name} job was not created.`);
  return id;
}

/** Adds many jobs of one queue in one statement (one per voter of a published topic, say). */
export async function enqueueMany(name: QueueName, items: object[], opts: EnqueueOptions = {}): Promise<number> {
  if (!items.length) return 0;
  const boss = await getQueue();
  const s = queueSettings(name);
  const jobs = items.map((data) => ({
    name,
    data,
    retryLimit: s.retryLimit,
    retryDelay: s.retryDelaySeconds,
    retryBackoff: s.retryBackoff,
    expireInSeconds: s.expireInSeconds,
  }));
  await boss.insert(jobs, opts.tx ? { db: bossDbInTransaction(opts.tx) } : {});
  return items.length;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
export type JobSummary = {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  completedOn: Date | null;
  output: unknown;
};

/** Jobs that failed for good, and those waiting to be retried, newest first: what admins see at /desk/jobs. */
export async function listProblemJobs({ take = 100 }: { take?: number } = {}): Promise<JobSummary[]> {
  await getQueue();
  const sql = sqlOf(await getDb());
  const rows = await sql.query<{
    id: string;
    name: string;
    state: JobState;
    data: unknown;
    retry_count: number;
    retry_limit: number;
    created_on: Date;
    completed_on: Date | null;
    output: unknown;
  }>(
    `SELECT id::text, name, state::text AS state, data, retry_count, retry_limit, created_on, completed_on, output
       FROM ${JOB_SCHEMA}.job WHERE state IN ('failed', 'retry')
     UNION ALL
     SELECT id::text, name, state::text AS state, data, retry_count, retry_limit, created_on, completed_on, output
       FROM ${JOB_SCHEMA}.archive WHERE state = 'failed'
     ORDER BY created_on DESC LIMIT $1::int`,
    [take],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    state: r.state,
    data: r.data,
    retryCount: r.retry_count,
    retryLimit: r.retry_limit,
    createdOn: new Date(r.created_on),
    completedOn: r.completed_on ? new Date(r.completed_on) : null,
    output: r.output,
  }));
}

/** Puts a failed job back in its queue (the admin's "Retry"). False when no such failed job exists. */
export async function retryFailedJob(name: QueueName, id: string): Promise<boolean> {
  const boss = await getQueue();
  const job = await boss.getJobById(name, id, { includeArchive: true });
  if (!job || job.state !== 'failed') return false;
  if (!(await boss.getJobById(name, id))) {
    // Archived already: send a copy, since pg-boss retries only jobs still in its job table.
    await boss.send(name, (job.data ?? {}) as object);
    await sqlOf(await getDb()).query(`DELETE FROM ${JOB_SCHEMA}.archive WHERE name = $1 AND id = $2::uuid`, [name, id]);
    return true;
  }
  await boss.retry(name, id);
  return (await boss.getJobById(name, id))?.state === 'retry';
}

export { QUEUE_NAMES, type QueueName };
