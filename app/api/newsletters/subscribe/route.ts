/**
 * POST /api/newsletters/subscribe  { email, newsletter (slug), source }  (JSON from the sign-up slot's
 * script, or a plain form post without JavaScript). Email-only, double opt-in: the answer is the same
 * sentence whether or not the address was already subscribed (lib/newsletters/subscriptions.ts).
 * Under the abuse limits LIMIT_NEWSLETTER_IP (per client IP) and LIMIT_NEWSLETTER_EMAIL (per address):
 * over them, 429 and nothing is written or sent. Article pages stay cached: the slot posts here.
 */
import { guarded } from '@/lib/http/guard';
import { errorResponse, isFormRequest, NO_STORE } from '@/lib/http/responses';
import { readBody } from '@/lib/billing/http';
import { clientIp } from '@/lib/limits/client-ip';
import { consumeLimits, limitMessageIn, tooManyRequests } from '@/lib/limits/limiter';
import { NewsletterError } from '@/lib/newsletters/newsletters';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { normaliseEmail, requestSignup, signupInput } from '@/lib/newsletters/subscriptions';
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 },
  async (request) => {
    const form = isFormRequest(request);
    const body = await readBody(request);
    // The slot's language (its `locale` field): the answer, the errors and the page it lands on.
    const locale = toLocale(body?.locale);
    const t = translator(locale, 'newsletters');
    const page = { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
    const parsed = signupInput.safeParse(body ?? {});
    if (!parsed.success)
      return errorResponse(
        request,
        400,
        parsed.error.issues[0]?.path[0] === 'newsletter' ? t('errors.newsletter') : t('errors.email'),
        { href: localePath(locale, '/'), label: t('errors.home') },
        {},
        page,
      );
    const limit = await consumeLimits([
      ['newsletterIp', clientIp(request.headers)],
      ['newsletterEmail', normaliseEmail(parsed.data.email)],
    ]);
    if (!limit.ok)
      return form
        ? errorResponse(request, 429, limitMessageIn(limit, locale), undefined, { 'Retry-After': String(limit.retryAfterSeconds) }, page)
        : tooManyRequests(limit, locale);
    try {
      await requestSignup(parsed.data);
    } catch (err) {
      if (err instanceof NewsletterError) {
        // Said in the slot's language (the refusal is a catalogue sentence: newsletters.errors.*).
        return errorResponse(
          request,
          400,
          errorMessageIn(err, locale),
          { href: localePath(locale, '/account'), label: t('errors.account') },
          {},
          page,
        );
      }
      throw err;
    }
    if (form) return new Response(null, { status: 303, headers: { ...NO_STORE, Location: localePath(locale, '/newsletters/thanks') } });
    return Response.json({ ok: true, message: t('thanks.answer') }, { headers: NO_STORE });
  },
);
