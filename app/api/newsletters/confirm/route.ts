/**
 * POST /api/newsletters/confirm  (form: token)  the button on /newsletters/confirm. The signed token is
 * the authority (no sign-in); opening the emailed link alone changes nothing (mail scanners open links).
 */
import { guarded } from '@/lib/http/guard';
import { errorResponse, NO_STORE } from '@/lib/http/responses';
import { confirmSubscription } from '@/lib/newsletters/subscriptions';
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const POST = guarded({ accept: ['application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 2048 }, async (request) => {
  let token: unknown = null;
  let locale = toLocale(null);
  try {
    const form = await request.formData();
    token = form.get('token');
    locale = toLocale(form.get('locale'));
  } catch {
    token = null;
  }
  const done = await confirmSubscription(token);
  const t = translator(locale, 'newsletters');
  if (!done)
    return errorResponse(
      request,
      400,
      t('confirm.invalid'),
      { href: localePath(locale, '/'), label: t('errors.frontPage') },
      {},
      { lang: locale, heading: translator(locale, 'membership.errors')('heading') },
    );
  return new Response(null, {
    status: 303,
    headers: {
      ...NO_STORE,
      Location: `${localePath(locale, '/newsletters/preferences')}?${new URLSearchParams({ token: done.manageToken, confirmed: '1' })}`,
    },
  });
});
