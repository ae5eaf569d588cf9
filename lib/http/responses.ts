/** Error answers shared by route handlers: JSON for API clients, a small accessible page for plain form posts. */
import { escapeHtml } from '@/lib/mail/templates';
import type { z } from 'zod';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { sayMessage } from '@/lib/i18n/said';
import { translator } from '@/lib/i18n/translator';
import { mediaTypeOf } from './media-type';

export const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** A browser form post (the answer is then a page, not JSON). */
export function isFormRequest(req: Request): boolean {
  const type = mediaTypeOf(req.headers.get('content-type'));
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

export function errorResponse(
  req: Request,
  status: number,
  message: string,
  link?: { href: string; label: string },
  headers: Record<string, string> = {},
  /** The page's language and heading (a reader's form in another language); English by default. */
  page: { lang: string; heading: string } = { lang: 'en', heading: 'Something needs fixing' },
): Response {
  if (!isFormRequest(req)) return Response.json({ error: message }, { status, headers: { ...NO_STORE, ...headers } });
  const html = `<!doctype html><html lang="${escapeHtml(page.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(message)}</title></head><body style="font-family:Georgia,serif;max-width:560px;margin:48px auto;padding:0 16px"><h1 style="font-size:1.4rem">${escapeHtml(page.heading)}</h1><p role="alert">${escapeHtml(message)}</p>${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ''}</body></html>`;
  return new Response(html, { status, headers: { ...NO_STORE, ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
}

/** An API error answer with a machine-readable code beside the sentence. */
export function apiError(status: number, error: string, code: string): Response {
  return Response.json({ error, code }, { status, headers: NO_STORE });
}

/**
 * The request's JSON body checked against `schema`, or the 400 answer that says what is wrong (in
 * `locale`: the request's language, see lib/http/request-locale.ts).
 */
export async function parseJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  /** The language, or how to find it (read only when the body is refused). */
  locale: Locale | (() => Promise<Locale>) = DEFAULT_LOCALE,
): Promise<{ ok: true; data: z.infer<T> } | { ok: false; response: Response }> {
  // i18n-keys: common.api.notJson common.api.invalid
  const said = async () => (typeof locale === 'function' ? locale() : locale);
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return { ok: false, response: apiError(400, translator(await said(), 'common.api')('notJson'), 'INVALID') };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const l = await said();
    const first = parsed.error.issues[0]?.message;
    return { ok: false, response: apiError(400, first ? sayMessage(l, first) : translator(l, 'common.api')('invalid'), 'INVALID') };
  }
  return { ok: true, data: parsed.data };
}
