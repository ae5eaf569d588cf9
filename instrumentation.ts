/**
 * Runs once when a Next.js server starts. Scheduled work lives here, every minute: articles that went
 * live on their own (scheduled) close the loop for the topics they were commissioned from, and expired
 * sign-in tokens and limit counters are purged. Both are idempotent, so several processes may run them.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const [{ closeLoopForLiveArticles }, { purgeExpired }] = await Promise.all([import('@/lib/voting/scheduled'), import('@/lib/limits/purge')]);
  const tick = () => {
    closeLoopForLiveArticles().catch((err: unknown) => console.error('[scheduled] closing the loop for live articles failed:', err instanceof Error ? err.message : err));
    purgeExpired().catch((err: unknown) => console.error('[scheduled] purging expired tokens and limit counters failed:', err instanceof Error ? err.message : err));
  };
  setInterval(tick, 60_000).unref();
}
