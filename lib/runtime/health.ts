/**
 * What a load balancer asks a node: can it serve? Database reachable, every migration applied,
 * the job worker running (where this node runs one), not shutting down. Only these words are reported: no versions, host names,
 * error messages or counts (the endpoint is public).
 */
import { getSql } from '@/lib/db/client';
import { pendingMigrationNames } from '@/lib/db/migrate';
import { isDraining } from './lifecycle';
import { workerHealth } from './background';

export type Health = {
  status: 'ok' | 'draining' | 'unavailable';
  checks: { database: 'ok' | 'unreachable'; migrations: 'current' | 'pending' | 'unknown'; worker: 'ok' | 'stopped' | 'off' };
};

/** How long the database may take to answer before the node counts as unavailable. */
export const HEALTH_DB_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkHealth(): Promise<Health> {
  let database: Health['checks']['database'] = 'ok';
  let migrations: Health['checks']['migrations'] = 'unknown';
  try {
    const pending = await withTimeout(getSql().then(pendingMigrationNames), HEALTH_DB_TIMEOUT_MS);
    migrations = pending.length ? 'pending' : 'current';
  } catch (err) {
    database = 'unreachable';
    console.error('[health] database check failed:', err instanceof Error ? err.message : err);
  }
  const worker = workerHealth();
  const healthy = database === 'ok' && migrations === 'current' && worker !== 'stopped';
  const status = isDraining() ? 'draining' : healthy ? 'ok' : 'unavailable';
  return { status, checks: { database, migrations, worker } };
}
