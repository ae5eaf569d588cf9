/** Shared answers for the /api/dashboard route handlers (JSON, never cached). */
export const NO_STORE = { 'Cache-Control': 'private, no-store' };

export const jsonError = (status: number, error: string) => Response.json({ error }, { status, headers: NO_STORE });

export const searchParamsOf = (request: Request): Record<string, string> => Object.fromEntries(new URL(request.url).searchParams);

/** Errors our lib modules throw for bad input carry a 4xx `status` and a message for people. */
export function clientErrorOf(err: unknown): { status: number; message: string } | null {
  if (err instanceof Error && 'status' in err && typeof err.status === 'number' && err.status >= 400 && err.status < 500)
    return { status: err.status, message: err.message };
  return null;
}
