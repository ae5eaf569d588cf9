/** Small helpers for the billing route handlers (error answers and the form check live in lib/http). */
import type { DomainError } from '@/lib/errors/domain-error';
import type { SignedInPost } from '@/lib/http/form-post';
import { errorResponse, isFormRequest, NO_STORE } from '@/lib/http/responses';
import { consumeLimit } from '@/lib/limits/limiter';

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

/**
 * Starts a one-off Checkout for a signed-in reader, counted against the checkout limit: form → 303 to
 * Checkout, JSON → { url }. The domain's own refusals keep their status; a provider failure is a 502.
 */
export async function checkoutAnswer(
  post: SignedInPost,
  o: {
    start: () => Promise<{ url: string }>;
    /** The domain's refusal (answered with its status and sentence). */
    refusal: abstract new (...args: never[]) => DomainError;
    back: { href: string; label: string };
    /** The 502 sentence when the payment provider fails. */
    providerMessage: string;
    /** The log line's tag. */
    tag: string;
  },
): Promise<Response> {
  const { req, user, page } = post;
  const limit = await consumeLimit('checkout', user.id);
  if (!limit.ok) return errorResponse(req, 429, limit.message, o.back, { 'Retry-After': String(limit.retryAfterSeconds) }, page);
  try {
    const { url } = await o.start();
    return isFormRequest(req) ? seeOther(url, req) : Response.json({ url }, { headers: NO_STORE });
  } catch (e) {
    if (e instanceof o.refusal) return errorResponse(req, e.status, e.message, o.back, {}, page);
    console.error(`[${o.tag}]`, e);
    return errorResponse(req, 502, o.providerMessage, undefined, {}, page);
  }
}
