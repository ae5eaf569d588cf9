/**
 * The one wrapper for JSON API route handlers. A route declares who may call it, the schema of its
 * JSON body and the body's size cap; the wrapper runs the same-origin, Content-Type and size checks
 * (`guarded`), the role check, JSON parsing and validation, and turns a DomainError thrown by the
 * domain into `{ error, code, fieldErrors }` with its status. Every answer it makes is `no-store`.
 * Anything else thrown is logged and answered with a 500 sentence, never a stack trace. Every sentence
 * it says is in the request's language (lib/http/request-locale.ts: the NEXT_LOCALE cookie, else the
 * signed-in reader's account, else English); handlers read that language with `await locale()`.
 *
 *   export const POST = apiRoute({ role: 'READER', body: schema, maxBytes: 2048 }, async ({ user, body }) => …);
 *
 * Form posts that answer with pages (checkout, account deletion) use `guarded` directly.
 */
import type { z } from 'zod';
import { authorizeRequest, getCurrentUser, type CurrentUser } from '@/lib/auth/session';
import type { Role } from '@/lib/auth/roles';
import { hasRole } from '@/lib/auth/roles';
import { errorMessageIn, fieldErrorsIn, isDomainError, type DomainError } from '@/lib/errors/domain-error';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { guarded, type AcceptedType } from './guard';
import { requestLocale } from './request-locale';
import { apiError, NO_STORE, parseJsonBody } from './responses';

type Who = Role | 'anyone';

// i18n-keys: common.api.signIn common.api.role common.api.internal

export type ApiRouteOptions<S extends z.ZodType | undefined> = {
  /** The lowest role that may call the route, or 'anyone'. */
  role: Who;
  /** The JSON body's schema; routes with a body are also held to `maxBytes` and the same-origin rule. */
  body?: S;
  /** The largest body, in bytes (default 16 KB). */
  maxBytes?: number;
  /** Media types of a body the handler reads itself (e.g. multipart uploads), instead of `body`. */
  accept?: readonly AcceptedType[];
  /** The sentence for a body over the cap. */
  tooLargeMessage?: string;
};

export type ApiContext<S extends z.ZodType | undefined, W extends Who, P> = {
  request: Request;
  user: W extends 'anyone' ? null : CurrentUser;
  body: S extends z.ZodType ? z.infer<S> : undefined;
  /** The URL's search parameters as an object (the last value of a repeated name); the route validates them. */
  query: Record<string, string>;
  params: P;
  /** The request's language (read once, on first use). */
  locale: () => Promise<Locale>;
};

type RouteContext<P> = { params: Promise<P> };

/** A refusal as `{ error, code, fieldErrors }` with its status, said in `locale` (English by default). */
export function domainErrorResponse(err: DomainError, locale: Locale = DEFAULT_LOCALE): Response {
  const fields = fieldErrorsIn(err, locale);
  const fieldErrors = Object.keys(fields).length ? { fieldErrors: fields } : {};
  return Response.json({ error: errorMessageIn(err, locale), code: err.code, ...fieldErrors }, { status: err.status, headers: NO_STORE });
}

export function apiRoute<S extends z.ZodType | undefined = undefined, W extends Who = Who, P = Record<string, never>>(
  opts: ApiRouteOptions<S> & { role: W },
  handler: (ctx: ApiContext<S, W, P>) => Promise<Response> | Response,
): (request: Request, ctx?: RouteContext<P>) => Promise<Response> {
  const run = async (request: Request, ctx?: RouteContext<P>): Promise<Response> => {
    let user: CurrentUser | null = null;
    let known: Promise<Locale> | undefined;
    // An open route has not looked the session up: the request's language may (only when it is needed).
    const locale = () => (known ??= requestLocale(request, opts.role === 'anyone' ? undefined : user));
    if (opts.role !== 'anyone') {
      const auth = await authorizeRequest(opts.role);
      if (!auth.ok) {
        // authorizeRequest says it in English; the reader is told in their language.
        user = auth.response.status === 403 ? await getCurrentUser() : null;
        const t = translator(await locale(), 'common.api');
        const error = user && !hasRole(user.role, opts.role) ? t('role', { role: opts.role }) : t('signIn');
        return Response.json({ error }, { status: auth.response.status, headers: NO_STORE });
      }
      user = auth.user;
    }
    let body: unknown = undefined;
    if (opts.body) {
      const parsed = await parseJsonBody(request, opts.body, locale);
      if (!parsed.ok) return parsed.response;
      body = parsed.data;
    }
    try {
      const params = ((await ctx?.params) ?? {}) as P;
      const query = Object.fromEntries(new URL(request.url).searchParams);
      const response = await handler({ request, user, body, query, params, locale } as ApiContext<S, W, P>);
      if (!response.headers.has('cache-control')) response.headers.set('Cache-Control', NO_STORE['Cache-Control']);
      return response;
    } catch (err) {
      if (isDomainError(err)) return domainErrorResponse(err, await locale());
      console.error(`[api] ${request.method} ${new URL(request.url).pathname}:`, err);
      return apiError(500, translator(await locale(), 'common.api')('internal'), 'INTERNAL');
    }
  };
  if (!opts.body && !opts.accept) return run;
  const checked = guarded<RouteContext<P> | undefined>(
    {
      accept: opts.accept ?? ['application/json'],
      maxBytes: opts.maxBytes ?? 16 * 1024,
      jsonErrors: true,
      tooLargeMessage: opts.tooLargeMessage,
    },
    run,
  );
  return (request, ctx) => checked(request, ctx);
}
