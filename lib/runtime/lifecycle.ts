/**
 * A server process's life after start-up: whether it is draining (shutting down), and what must be
 * closed before it exits. The state is on globalThis because the server script (scripts/serve.ts)
 * and the app's bundled route code are separate module instances in one process.
 */
type Closer = { name: string; close: () => Promise<void> | void };
type Lifecycle = { draining: boolean; closers: Closer[] };

const g = globalThis as unknown as { __patronageLifecycle?: Lifecycle };
const state = (): Lifecycle => (g.__patronageLifecycle ??= { draining: false, closers: [] });

/** True once shutdown began: /api/health answers 503 so load balancers stop sending new requests. */
export const isDraining = (): boolean => state().draining;

/** Registers something to close at shutdown (database pool, scheduled work), after in-flight requests finished. */
export function onShutdown(name: string, close: () => Promise<void> | void): void {
  state().closers.push({ name, close });
}

export function beginDraining(): void {
  state().draining = true;
}

/**
 * Closes everything registered, newest first (scheduled work stops before the pool it uses closes),
 * each within what is left of `deadlineMs`. Returns the names of those that failed or ran out of time.
 */
export async function closeAll(deadlineMs: number): Promise<string[]> {
  const failed: string[] = [];
  const closers = state().closers.splice(0).reverse();
  for (const { name, close } of closers) {
    const left = deadlineMs - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      Promise.resolve()
        .then(close)
        .then(
          () => 'ok' as const,
          () => 'failed' as const,
        ),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, left)))),
    ]);
    clearTimeout(timer);
    if (outcome !== 'ok') failed.push(`${name} (${outcome})`);
  }
  return failed;
}

/** For tests: forget the state. */
export function resetLifecycleForTesting(): void {
  g.__patronageLifecycle = { draining: false, closers: [] };
}
