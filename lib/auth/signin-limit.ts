/**
 * Sign-in emails are limited per address and per client IP before next-auth sees the request, so a
 * request over a limit sends no email and writes no VerificationToken (next-auth writes the token and
 * sends the email together, after its signIn callback). Called by the POST of app/api/auth/[...nextauth].
 */
import { siteUrl } from '@/lib/config/site';
import { errorResponse } from '@/lib/http/responses';
import { localePath } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { clientIp } from '@/lib/limits/client-ip';
import { consumeLimits, limitMessageIn } from '@/lib/limits/limiter';
import { signInRequestLocale } from './signin-redirect';

/** The error code the sign-in page and form turn into a sentence (signInErrorMessage). */
export const RATE_LIMITED_ERROR = 'RateLimited';

/** next-auth 4's own normalisation of the address (core/routes/signin.ts), so the limit counts what it sends to. */
export function normaliseSignInEmail(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.normalize('NFKC').trim();
  if ((trimmed.match(/@/g) ?? []).length !== 1 || trimmed.includes('"')) return null;
  const [local, domainPart] = trimmed.toLowerCase().split('@');
  const domain = domainPart?.split(',')[0];
  if (!local || !domain || !domain.includes('.')) return null;
  return `${local}@${domain}`;
}

/** The posted sign-in form's fields (a copy: next-auth reads the body itself); null when unreadable. */
export async function signInFields(req: Request): Promise<Record<string, unknown> | null> {
  try {
    const copy = req.clone();
    const fields = (req.headers.get('content-type') ?? '').startsWith('application/json')
      ? ((await copy.json()) as unknown)
      : Object.fromEntries(await copy.formData());
    return fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * null when the request may go on to next-auth; otherwise the 429 answer, in the language the sign-in
 * was asked in (lib/auth/signin-redirect.ts: the forms' cookie, else the page the reader returns to).
 */
export async function signInLimitResponse(req: Request): Promise<Response | null> {
  const fields = await signInFields(req);
  if (!fields) return null; // next-auth answers unreadable requests itself
  const email = normaliseSignInEmail(fields.email);
  if (!email) return null;
  const limit = await consumeLimits([
    ['signinIp', clientIp(req.headers)],
    ['signinEmail', email],
  ]);
  if (limit.ok) return null;
  const locale = signInRequestLocale(req, fields);
  const message = limitMessageIn(limit, locale);
  const retryAfter = { 'Retry-After': String(limit.retryAfterSeconds) };
  const url = `${siteUrl()}${localePath(locale, '/signin')}?${new URLSearchParams({ error: RATE_LIMITED_ERROR })}`;
  // next-auth/react's signIn() posts a form with json=true and reads `url` (its `error` parameter).
  if (fields.json === 'true' || fields.json === true) {
    return Response.json({ url, error: message }, { status: 429, headers: { 'Cache-Control': 'private, no-store', ...retryAfter } });
  }
  const page = { lang: locale, heading: translator(locale, 'common.api')('heading') };
  const back = { href: localePath(locale, '/signin'), label: translator(locale, 'signin')('back') };
  return errorResponse(req, 429, message, back, retryAfter, page);
}
