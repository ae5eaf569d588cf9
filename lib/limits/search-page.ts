/** The page proxy.ts answers an over-the-limit search with (429), in the language of the search page. */
import { escapeHtml } from '@/lib/mail/templates';
import { localePath, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { waitInWords } from './messages';

/** The 429 page, in the language of the search page it stands in for (/uk/search → Ukrainian). */
export function tooManySearchesPage(locale: Locale, retryAfterSeconds: number): string {
  const t = translator(locale, 'reading.search.tooMany');
  const title = escapeHtml(t('title'));
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body style="font-family:Georgia,serif;max-width:560px;margin:48px auto;padding:0 16px"><h1 style="font-size:1.4rem">${title}</h1><p role="alert">${escapeHtml(t('body', { wait: waitInWords(retryAfterSeconds, locale) }))}</p><p><a href="${localePath(locale, '/')}">${escapeHtml(t('home'))}</a></p></body></html>`;
}
