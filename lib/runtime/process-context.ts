/**
 * The process's own async context, for resources that outlive the request that happens to create them.
 *
 * Node's AsyncLocalStorage stamps every async resource (a socket's TCP handle, a promise, a timer)
 * with the store of the context that created it. Next.js keeps each request's render state in such
 * stores. A pooled PostgreSQL connection or a keep-alive socket to Stripe opened while serving a
 * request therefore keeps that request's whole render state alive for as long as the connection
 * lives — and, because a finished Flight render's abort reason captures a stack whose frames hold
 * `Immediate`s linked to the next ones run, from there every later request's state too (about one
 * `ServerResponse` per request served; see README "Memory"). Opening such resources in the
 * process's context instead leaves nothing per-request reachable from them.
 */
import { AsyncResource } from 'node:async_hooks';

const g = globalThis as unknown as { __patronageProcessContext?: AsyncResource };

/**
 * Remembers the current async context as the process's. Call it once at start-up, outside any
 * request (instrumentation.ts `register()`); scripts and tests that never serve requests may skip it.
 */
export function captureProcessContext(): void {
  g.__patronageProcessContext ??= new AsyncResource('patronage-process');
}

/** Runs `fn` in the process's context (as it is when none was captured). */
export function inProcessContext<T>(fn: () => T): T {
  const context = g.__patronageProcessContext;
  return context ? context.runInAsyncScope(fn) : fn();
}
