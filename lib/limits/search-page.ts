/** The page proxy.ts answers an over-the-limit search with (429), in the language of the search page. */
import { escapeHtml } from '@/lib/mail/templates';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

/** "30 seconds", "2 minutes", "3 hours" in the reader's language (the rounding of waitInWords). */
function waitIn(locale: Locale, seconds: number): string {
  const t = translator(locale, 'reading.search.tooMany');
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return t('seconds', { count: s });
  const min = Math.ceil(s / 60);
  if (min < 120) return t('minutes', { count: min });
  return t('hours', { count: Math.ceil(s / 3600) });
}

/** The 429 page, in the language of the search page it stands in for (/uk/search → Ukrainian). */
export function tooManySearchesPage(locale: Locale, retryAfterSeconds: number): string {
  const t = translator(locale, 'reading.search.tooMany');
  const title = escapeHtml(t('title'));
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:Georgia,serif;max-width:560px;margin:48px auto;padding:0 16px"><h1 style="font-size:1.4rem">${title}</h1><p role="alert">${escapeHtml(t('body', { wait: waitIn(locale, retryAfterSeconds) }))}</p><p><a href="${localePath(locale, '/')}">${escapeHtml(t('home'))}</a></p></body></html>`;
}
