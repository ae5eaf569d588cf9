/**
 * What a limited person is told, in their language: "Please wait 10 minutes and try again." The
 * sentences are in the catalogues (common.limits); English stays the default wherever no language is
 * known (a script, a log line).
 */
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import type { LimitName } from './settings';

/** "45 seconds", "1 minute", "12 minutes", "2 hours" (Ukrainian: "45 секунд", "12 хвилин"…): how long to wait. */
export function waitInWords(seconds: number, locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale, 'common.limits.wait');
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return t('seconds', { count: s });
  const min = Math.ceil(s / 60);
  if (min < 120) return t('minutes', { count: min });
  return t('hours', { count: Math.ceil(s / 3600) });
}

/** The sentence for limit `name` when the person must wait `retryAfterSeconds`, in `locale`. */
export function limitMessage(name: LimitName, retryAfterSeconds: number, locale: Locale = DEFAULT_LOCALE): string {
  const t = translator(locale, 'common.limits');
  return t(`messages.${name}`, { wait: waitInWords(retryAfterSeconds, locale) });
}
