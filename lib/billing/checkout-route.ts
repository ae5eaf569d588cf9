/**
 * The route of a one-off Checkout started by a signed-in reader (gift, pay-it-forward contribution),
 * form or JSON, counted against the checkout limit: form → 303 to Checkout, JSON → { url }. The
 * domain's own refusals keep their status; a provider failure is a 502. Answers in the page's language.
 */
import type { CurrentUser } from '@/lib/auth/session';
import { errorMessageIn, type DomainError } from '@/lib/errors/domain-error';
import { signedInPost } from '@/lib/http/form-post';
import { errorResponse, isFormRequest, NO_STORE } from '@/lib/http/responses';
import type { Locale } from '@/lib/i18n/locales';
import { consumeLimit, limitMessageIn } from '@/lib/limits/limiter';
import { seeOther } from './http';

export type CheckoutRouteTexts = { signIn: string; signInLabel: string; back: string; provider: string };

export function checkoutRoute(o: {
  maxBytes: number;
  /** The form's page (without the language prefix): the way back and sign-in's return. */
  path: string;
  texts: (locale: Locale) => CheckoutRouteTexts;
  start: (user: CurrentUser, body: Record<string, unknown>) => Promise<{ url: string }>;
  /** The domain's refusal (answered with its status and sentence). */
  refusal: abstract new (...args: never[]) => DomainError;
  /** The log line's tag. */
  tag: string;
}) {
  const signIn = (locale: Locale) => {
    const t = o.texts(locale);
    return { message: t.signIn, label: t.signInLabel };
  };
  return signedInPost({ maxBytes: o.maxBytes, path: o.path, signIn }, async ({ req, user, body, locale, page, here }) => {
    const t = o.texts(locale);
    const back = { href: here, label: t.back };
    const limit = await consumeLimit('checkout', user.id);
    if (!limit.ok)
      return errorResponse(req, 429, limitMessageIn(limit, locale), back, { 'Retry-After': String(limit.retryAfterSeconds) }, page);
    try {
      const { url } = await o.start(user, body);
      return isFormRequest(req) ? seeOther(url, req) : Response.json({ url }, { headers: NO_STORE });
    } catch (e) {
      if (e instanceof o.refusal) return errorResponse(req, e.status, errorMessageIn(e, locale), back, {}, page);
      console.error(`[${o.tag}]`, e);
      return errorResponse(req, 502, t.provider, undefined, {}, page);
    }
  });
}
