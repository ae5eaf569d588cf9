/**
 * POST /api/newsletters/preferences  (form: token, newsletter=<id> for each one ticked)  the
 * preferences page reached from every newsletter email, without signing in: the signed token names
 * the address. Unticked newsletters are unsubscribed; a ticked free one is confirmed at once.
 */
import { guarded } from '@/lib/http/guard';
import { errorResponse, NO_STORE } from '@/lib/http/responses';
import { savePreferences } from '@/lib/newsletters/subscriptions';
import { localePath, toLocale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export const dynamic = 'force-dynamic';

export const POST = guarded({ accept: ['application/x-www-form-urlencoded', 'multipart/form-data'], maxBytes: 4096 }, async (request) => {
  let token: unknown = null;
  let ids: string[] = [];
  let locale = toLocale(null);
  try {
    const form = await request.formData();
    token = form.get('token');
    locale = toLocale(form.get('locale'));
    ids = form
      .getAll('newsletter')
      .filter((v): v is string => typeof v === 'string')
      .slice(0, 50);
  } catch {
    token = null;
  }
  const t = translator(locale, 'newsletters');
  if (!(await savePreferences(token, ids)))
    return errorResponse(
      request,
      400,
      t('preferences.invalidPlain'),
      { href: localePath(locale, '/'), label: t('errors.frontPage') },
      {},
      { lang: locale, heading: translator(locale, 'membership.errors')('heading') },
    );
  return new Response(null, {
    status: 303,
    headers: {
      ...NO_STORE,
      Location: `${localePath(locale, '/newsletters/preferences')}?${new URLSearchParams({ token: String(token), saved: '1' })}`,
    },
  });
});
