/** Small helpers for the billing route handlers. */
import { escapeHtml } from '@/lib/mail/templates';

export const NO_STORE = { 'Cache-Control': 'private, no-store' };

export function isFormRequest(req: Request): boolean {
  const ct = req.headers.get('content-type') ?? '';
  return ct.includes('application/x-www-form-urlencoded') || ct.includes('multipart/form-data');
}

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

/** An error answer: JSON for API clients, a small accessible page for plain form posts. */
export function errorResponse(req: Request, status: number, message: string, link?: { href: string; label: string }): Response {
  if (!isFormRequest(req)) return Response.json({ error: message }, { status, headers: NO_STORE });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(message)}</title></head><body style="font-family:Georgia,serif;max-width:560px;margin:48px auto;padding:0 16px"><h1 style="font-size:1.4rem">Something needs fixing</h1><p role="alert">${escapeHtml(message)}</p>${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ''}</body></html>`;
  return new Response(html, { status, headers: { ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8' } });
}

/** 303 See Other to an absolute or site-relative URL. */
export function seeOther(url: string, req: Request): Response {
  return new Response(null, { status: 303, headers: { ...NO_STORE, Location: new URL(url, req.url).toString() } });
}
