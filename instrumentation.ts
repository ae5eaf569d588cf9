/**
 * Runs once when a Next.js server starts, before it serves any request. First the same refusals as
 * `npm start` (a server started directly must not serve a public-looking site in test mode, nor run
 * without a session secret outside it); then the job worker (lib/runtime/background.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // First: long-lived connections are opened in this context (lib/runtime/process-context.ts).
  const { captureProcessContext } = await import('@/lib/runtime/process-context');
  captureProcessContext();
  const { startupProblems } = await import('@/lib/config/mode');
  const problems = startupProblems();
  if (problems.length) {
    console.error(`[patronage] Refusing to start:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  const { startBackgroundJobs } = await import('@/lib/runtime/background');
  startBackgroundJobs();
}
