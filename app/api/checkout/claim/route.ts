/**
 * POST /api/checkout/claim (form: session_id): pay first's sign-in. Spends the claim of a guest checkout
 * that created a NEW account (the browser's claim cookie must match the stored hash; once; before it
 * expires) for a database session, sets next-auth's session cookie and goes back to the success page.
 * An address that already had an account is never signed in here (it was emailed a sign-in link).
 */
import { z } from 'zod';
import { claimGuestCheckout, clearClaimCookieHeader, readClaimCookie, sessionCookieHeader } from '@/lib/billing/pay-first';
import { errorResponse, readBody, seeOther } from '@/lib/billing/http';
import { guarded } from '@/lib/http/guard';
import { getDb } from '@/lib/db/client';
import { DEFAULT_LOCALE, LOCALES, localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

const form = z.object({
  session_id: z
    .string()
    .trim()
    .regex(/^cs_[A-Za-z0-9_]{1,250}$/),
  /** The language of the success page that posted (the new account keeps it). */
  locale: z.enum(LOCALES).catch(DEFAULT_LOCALE),
});

/** Status and `membership.claim` key of each refusal. */
// i18n-keys: membership.claim.unknown membership.claim.notReady membership.claim.existingAccount membership.claim.spent membership.claim.expired
const REFUSALS = {
  unknown: [404, 'unknown'],
  'not-ready': [409, 'notReady'],
  'existing-account': [403, 'existingAccount'],
  spent: [409, 'spent'],
  expired: [410, 'expired'],
} as const;

export const POST = guarded(
  { accept: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'], maxBytes: 2 * 1024 },
  async (req) => {
    const body = (await readBody(req)) ?? {};
    const locale = toLocale(body.locale);
    const t = translator(locale, 'membership.claim');
    const back = { href: localePath(locale, '/signin'), label: t('signIn') };
    const page = { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
    const parsed = form.safeParse(body);
    if (!parsed.success) return errorResponse(req, 400, t('malformed'), back, {}, page);
    const result = await claimGuestCheckout(parsed.data.session_id, readClaimCookie(req.headers.get('cookie')));
    if (!result.ok) {
      const [status, key] = REFUSALS[result.reason];
      return errorResponse(req, status, t(key), back, {}, page);
    }
    // A new account: it speaks the language its reader paid in.
    await (await getDb()).user.update({ where: { id: result.userId }, data: { locale } });
    const res = seeOther(localePath(locale, `/support/success?session_id=${encodeURIComponent(parsed.data.session_id)}`), req);
    res.headers.append('Set-Cookie', sessionCookieHeader(result.sessionToken, result.expires));
    res.headers.append('Set-Cookie', clearClaimCookieHeader());
    return res;
  },
);
