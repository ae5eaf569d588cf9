/**
 * GET /api/checkout/status?session_id=…: has the webhook confirmed this checkout yet? A signed-in reader
 * asks about their own checkout; a browser that paid first (not signed in) about the guest checkout whose
 * claim cookie it holds (lib/billing/pay-first.ts). Anyone else: 404.
 */
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { checkoutState } from '@/lib/billing/checkout';
import { guestCheckoutState, readClaimCookie } from '@/lib/billing/pay-first';
import { apiRoute } from '@/lib/http/api-route';
import { DEFAULT_LOCALE, LOCALES, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

const query = z.object({
  session_id: z
    .string()
    .trim()
    .regex(/^cs_[A-Za-z0-9_]{1,250}$/),
  /** The reader's language, for the sentences and the tier's name. */
  locale: z.enum(LOCALES).catch(DEFAULT_LOCALE),
});

export const GET = apiRoute({ role: 'anyone' }, async ({ request: req, query: search }) => {
  const user = await getCurrentUser();
  const locale = toLocale(search.locale);
  const t = translator(locale, 'membership.errors');
  const parsed = query.safeParse(search);
  if (!parsed.success) return Response.json({ error: t('statusMalformed') }, { status: 400 });
  if (!user) {
    const guest = await guestCheckoutState(parsed.data.session_id, readClaimCookie(req.headers.get('cookie')));
    if (!guest) return Response.json({ error: t('statusGuest') }, { status: 404 });
    return Response.json({ guest: true, ...guest });
  }
  const state = await checkoutState(user.id, parsed.data.session_id, parsed.data.locale);
  if (!state) return Response.json({ error: t('statusNone') }, { status: 404 });
  return Response.json({ state: state.state, tierName: state.tierName, mode: state.mode });
});
