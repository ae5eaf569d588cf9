/**
 * The one guard for state-changing route handlers (every POST/PUT/PATCH/DELETE except the Stripe
 * webhook, which is signed instead): `export const POST = guarded({ accept, maxBytes }, handler)`.
 *
 * 1. Same origin: `Origin` must be SITE_URL's origin, or the browser must say `Sec-Fetch-Site:
 *    same-origin`. `Origin: null` is refused; so is a request without Origin that a browser labelled
 *    with any other Sec-Fetch-Site. A request with neither header comes from no browser (curl, a
 *    server), so it cannot carry a victim's cookies across sites, and passes this check.
 * 2. Exact Content-Type: the parsed media type must be one the route accepts (415 otherwise).
 *    Refusals are said in the request's language (lib/http/request-locale.ts).
 * 3. Body size cap while reading the stream: a declared Content-Length over the cap is refused at once,
 *    and the stream is cancelled as soon as the bytes read pass the cap (413), so an endless or huge
 *    body is never read whole. The handler receives the request rebuilt around the bytes it read.
 */
import { NextRequest } from 'next/server';
import { siteUrl } from '@/lib/config/site';
import { errorResponse, isFormRequest, NO_STORE } from './responses';
import { mediaTypeOf } from './media-type';
import { DomainError } from '@/lib/errors/domain-error';
import { sentence } from '@/lib/i18n/sentence';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { formatterFor, translator } from '@/lib/i18n/translator';
import { requestLocale } from './request-locale';

export type AcceptedType = 'application/json' | 'application/x-www-form-urlencoded' | 'multipart/form-data' | 'text/plain';

export type GuardOptions = {
  /** Media types the body may have. */
  accept: readonly AcceptedType[];
  /** Largest body, in bytes. */
  maxBytes: number;
  /** A body may be absent (no Content-Type, no bytes), e.g. a form with nothing but a button. */
  allowEmpty?: boolean;
  /** Refusals as JSON even for form posts (routes called by scripts on our pages, not by plain forms). */
  jsonErrors?: boolean;
  /** The sentence for a body over the cap (default: "The request body is larger than …"). */
  tooLargeMessage?: string;
};

export class BodyTooLargeError extends DomainError {
  constructor(readonly maxBytes: number) {
    super({ code: 'TOO_LARGE', status: 413, sentence: sentence('common.api.tooLarge', { size: formatBytes(maxBytes) }) });
  }

  /** The refusal in `locale`, its size in that language's units too. */
  messageIn(locale: Locale): string {
    return translator(locale, 'common.api')('tooLarge', { size: formatBytes(this.maxBytes, locale) });
  }
}

/** "256 bytes", "16 KB", "5.5 MB" in `locale` (English by default). */
export function formatBytes(n: number, locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale, 'common.api.size');
  if (n >= 1024 * 1024) return t('mb', { count: formatterFor(locale).number(Math.round((n / 1024 / 1024) * 10) / 10) });
  if (n >= 1024) return t('kb', { count: Math.round(n / 1024) });
  return t('bytes', { count: n });
}

/** Reads a body, refusing (BodyTooLargeError) as soon as more than `maxBytes` arrived. */
export async function readBodyCapped(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = req.headers.get('content-length');
  if (declared && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    await req.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(maxBytes);
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Why a request is not from our own pages (in `locale`), or null when it is. */
export function crossSiteReason(headers: Headers, site: string = siteUrl(), locale: Locale = DEFAULT_LOCALE): string | null {
  const origin = headers.get('origin');
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite === 'same-origin') return null;
  const t = translator(locale, 'common.api');
  if (origin === null) return fetchSite === null ? null : t('notOurPages');
  let expected: string;
  try {
    expected = new URL(site).origin;
  } catch {
    expected = '';
  }
  if (origin !== 'null' && origin === expected) return null;
  return t('crossSite');
}

type Handler<C> = (req: NextRequest, ctx: C) => Promise<Response> | Response;

export function guarded(
  opts: GuardOptions,
  handler: (req: NextRequest) => Promise<Response> | Response,
): (req: Request) => Promise<Response>;
export function guarded<C>(opts: GuardOptions, handler: Handler<C>): (req: Request, ctx: C) => Promise<Response>;
export function guarded<C>(opts: GuardOptions, handler: Handler<C>): (req: Request, ctx: C) => Promise<Response> {
  // JSON refusals carry a code too, like the API routes' own errors: CROSS_SITE, TOO_LARGE or INVALID.
  const refuse = async (req: Request, status: number, message: (locale: Locale) => string) => {
    const locale = await requestLocale(req);
    return opts.jsonErrors || !isFormRequest(req)
      ? Response.json(
          { error: message(locale), code: status === 403 ? 'CROSS_SITE' : status === 413 ? 'TOO_LARGE' : 'INVALID' },
          { status, headers: NO_STORE },
        )
      : errorResponse(req, status, message(locale), undefined, {}, { lang: locale, heading: translator(locale, 'common.api')('heading') });
  };
  // i18n-keys: common.api.mediaType common.api.noContentType common.api.unreadable
  const api = (locale: Locale) => translator(locale, 'common.api');
  return async (req, ctx) => {
    if (crossSiteReason(req.headers)) {
      await req.body?.cancel().catch(() => undefined);
      return refuse(req, 403, (l) => crossSiteReason(req.headers, undefined, l)!);
    }
    const contentType = req.headers.get('content-type');
    const type = mediaTypeOf(contentType);
    if (contentType === null && opts.allowEmpty) {
      // No declared body: it must really be empty.
    } else if (!type || !(opts.accept as readonly string[]).includes(type)) {
      await req.body?.cancel().catch(() => undefined);
      return refuse(req, 415, (l) => api(l)('mediaType', { types: formatterFor(l).list(opts.accept, { type: 'disjunction' }) }));
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBodyCapped(req, contentType === null ? 0 : opts.maxBytes);
    } catch (err) {
      if (err instanceof BodyTooLargeError)
        return refuse(req, contentType === null ? 415 : 413, (l) =>
          contentType === null ? api(l)('noContentType') : (opts.tooLargeMessage ?? err.messageIn(l)),
        );
      return refuse(req, 400, (l) => api(l)('unreadable'));
    }
    const rebuilt = new NextRequest(req.url, {
      method: req.method,
      headers: req.headers,
      body: bytes.byteLength ? (bytes as Uint8Array<ArrayBuffer>) : null,
    });
    return handler(rebuilt, ctx);
  };
}
