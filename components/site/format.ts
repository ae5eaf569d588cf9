/** Dates on reader pages, in the newsroom's time zone (SITE_TIMEZONE, default UTC). */
const timeZone = (): string => process.env.SITE_TIMEZONE?.trim() || 'UTC';

export function formatDate(d: Date): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: timeZone() }).format(d);
}

export function formatDateTime(d: Date): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: timeZone() }).format(d);
}
