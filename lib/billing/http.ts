/** Small helpers for the billing route handlers (error answers and the form check live in lib/http). */
import { isFormRequest } from '@/lib/http/responses';

export { errorResponse, isFormRequest, NO_STORE } from '@/lib/http/responses';

/** Reads a JSON or form body into a plain object; null when it can't be read. */
export async function readBody(req: Request): Promise<Record<string, unknown> | null> {
  try {
    if (isFormRequest(req)) {
      const form = await req.formData();
      const out: Record<string, unknown> = {};
      for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
      return out;
    }
    const json: unknown = await req.json();
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** 303 See Other to an absolute or site-relative URL. */
export function seeOther(url: string, req: Request): Response {
  return new Response(null, { status: 303, headers: { ...NO_STORE_HEADERS, Location: new URL(url, req.url).toString() } });
}

const NO_STORE_HEADERS = { 'Cache-Control': 'private, no-store' };
