/** Runs once when a Next.js server starts, before it serves any request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // First: long-lived connections are opened in this context (lib/runtime/process-context.ts).
  const { captureProcessContext } = await import('@/lib/runtime/process-context');
  captureProcessContext();
  const { startScheduledWork } = await import('@/lib/runtime/scheduler');
  startScheduledWork();
}
