import { INTL_LOCALE, type Locale } from '@/lib/i18n/locales';

/**
 * The one date formatter. Reader pages, staff pages and emails show dates in the newsroom's time
 * zone (SITE_TIMEZONE, default UTC); tables and file names use ISO days.
 */

/** The newsroom's time zone (SITE_TIMEZONE, default UTC). */
export function siteTimeZone(env: Record<string, string | undefined> = process.env): string {
  return env.SITE_TIMEZONE?.trim() || 'UTC';
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, options: Intl.DateTimeFormatOptions, locale = 'en-US'): Intl.DateTimeFormat {
  const id = `${locale}|${key}|${options.timeZone}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(id, f);
  }
  return f;
}

/** "March 12, 2026" in the newsroom's time zone. */
export function formatDate(d: Date, timeZone: string = siteTimeZone(), locale: Locale = 'en'): string {
  return formatter('date', { dateStyle: 'long', timeZone }, INTL_LOCALE[locale]).format(d);
}

/** "March 12, 2026 at 2:30 PM" in the newsroom's time zone. */
export function formatDateTime(d: Date, timeZone: string = siteTimeZone(), locale: Locale = 'en'): string {
  return formatter('datetime', { dateStyle: 'long', timeStyle: 'short', timeZone }, INTL_LOCALE[locale]).format(d);
}

/** "2026-03-12" (UTC): staff tables, file names, API payloads. */
export function formatIsoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** "2026-03-12 14:30" (UTC). */
export function formatIsoMinute(d: Date): string {
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** A day in staff tables (UTC): "2026-03-12" in English, "12.03.2026" in Ukrainian. */
export function formatStaffDay(d: Date, locale: Locale = 'en'): string {
  if (locale === 'en') return formatIsoDay(d);
  return formatter('staffday', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }, INTL_LOCALE[locale]).format(d);
}

/** A moment in staff tables (UTC): "2026-03-12 14:30" in English, "12.03.2026, 14:30" in Ukrainian. */
export function formatStaffMinute(d: Date, locale: Locale = 'en'): string {
  if (locale === 'en') return formatIsoMinute(d);
  return formatter(
    'staffminute',
    { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' },
    INTL_LOCALE[locale],
  ).format(d);
}

/** Chart buckets (UTC): "Mar 2026" for a month, "12 Mar 2026" for a week's first day ("бер. 2026 р.", "12 бер. 2026 р."). */
export function formatMonthLabel(d: Date, locale: Locale = 'en'): string {
  return formatter('month', { month: 'short', year: 'numeric', timeZone: 'UTC' }, locale === 'en' ? 'en-GB' : INTL_LOCALE[locale]).format(
    d,
  );
}
export function formatShortDay(d: Date, locale: Locale = 'en'): string {
  return formatter(
    'shortday',
    { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
    locale === 'en' ? 'en-GB' : INTL_LOCALE[locale],
  ).format(d);
}
