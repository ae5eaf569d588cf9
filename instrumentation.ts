/**
 * Runs once when a Next.js server starts. First the same refusals as `npm start` (a server started
 * directly with `next start` must not serve a public-looking site in test mode, nor run without a
 * session secret outside it). Then scheduled work: every minute, articles that went live on their own
 * (scheduled) close the loop for the topics they were commissioned from.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startupProblems } = await import('@/lib/config/mode');
  const problems = startupProblems();
  if (problems.length) {
    console.error(`[patronage] Refusing to start:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  const { closeLoopForLiveArticles } = await import('@/lib/voting/scheduled');
  const tick = () =>
    closeLoopForLiveArticles().catch((err: unknown) => console.error('[scheduled] closing the loop for live articles failed:', err instanceof Error ? err.message : err));
  setInterval(tick, 60_000).unref();
}
