/** POST /api/billing/portal (form): open Stripe's billing portal for the signed-in reader → 303. */
import { getCurrentUser } from '@/lib/auth/session';
import { errorResponse, seeOther } from '@/lib/billing/http';
import { openBillingPortal } from '@/lib/billing/account';
import { guarded } from '@/lib/http/guard';
import { readBody } from '@/lib/billing/http';
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const POST = guarded(
  { accept: ['application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 4096, allowEmpty: true },
  async (req) => {
    const user = await getCurrentUser();
    // The account page's language (its `locale` field): the sentences and where Stripe sends the reader back.
    const locale = toLocale((await readBody(req))?.locale);
    const t = translator(locale, 'account.errors');
    const page = { lang: locale, heading: translator(locale, 'membership.errors')('heading') };
    const signIn = localePath(locale, `/signin?${new URLSearchParams({ callbackUrl: localePath(locale, '/account') })}`);
    if (!user) return errorResponse(req, 401, t('signInToManage'), { href: signIn, label: t('signIn') }, {}, page);
    try {
      const url = await openBillingPortal(user.id, locale);
      if (!url)
        return errorResponse(req, 400, t('nothingToManage'), { href: localePath(locale, '/support'), label: t('becomePatron') }, {}, page);
      return seeOther(url, req);
    } catch (e) {
      console.error('[billing portal]', e);
      return errorResponse(req, 502, t('provider'), undefined, {}, page);
    }
  },
);
