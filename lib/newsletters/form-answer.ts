/** The answer to a newsletter form post (confirm, preferences): back to the preferences page, or a 400 page in the reader's language. */
import { errorPageIn } from '@/lib/http/form-post';
import { errorResponse, NO_STORE } from '@/lib/http/responses';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

/** 303 to the preferences page with `query`, or (no query: the token was refused) the `invalid` sentence. */
export function toPreferences(
  request: Request,
  locale: Locale,
  query: Record<string, string> | null | false,
  invalid: 'confirm.invalid' | 'preferences.invalidPlain',
): Response {
  // i18n-keys: newsletters.confirm.invalid newsletters.preferences.invalidPlain
  const t = translator(locale, 'newsletters');
  if (!query)
    return errorResponse(
      request,
      400,
      t(invalid),
      { href: localePath(locale, '/'), label: t('errors.frontPage') },
      {},
      errorPageIn(locale),
    );
  return new Response(null, {
    status: 303,
    headers: { ...NO_STORE, Location: `${localePath(locale, '/newsletters/preferences')}?${new URLSearchParams(query)}` },
  });
}
