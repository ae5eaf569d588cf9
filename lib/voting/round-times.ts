/**
 * Round times in the desk form are the newsroom's wall time (SITE_TIMEZONE, default UTC: the zone
 * reader pages show dates in, see lib/format/dates.ts), whoever's browser the editor uses.
 * Each field gets the zone's offset at its own date, so a round that spans a daylight-saving change
 * opens and closes at the hours the editor typed.
 */

const WALL_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

import { siteTimeZone } from '@/lib/format/dates';

export { siteTimeZone };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`. */
function wallFields(instant: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, mo: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute!, s: parts.second! };
}

/** Minutes `timeZone` is ahead of UTC at `instant` (Europe/Berlin in summer: 120). */
function offsetMinutesAt(instant: number, timeZone: string): number {
  const w = wallFields(instant, timeZone);
  return Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** `<input type="datetime-local">` value ("2027-03-20T10:00") showing `instant` in the newsroom's zone. */
export function toSiteWallTime(instant: Date, timeZone: string = siteTimeZone()): string {
  const w = wallFields(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}`;
}

/**
 * The instant a wall time ("2027-03-20T10:00") names in `timeZone`, or null when it isn't one (bad
 * format, Feb 31). A time skipped by a spring-forward change is read with the offset before it
 * (02:30 → 03:30 summer time); a repeated autumn hour is read as its first occurrence.
 */
export function fromSiteWallTime(value: string, timeZone: string = siteTimeZone()): Date | null {
  const m = WALL_TIME_RE.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const seconds = m[6] ? Number(m[6]) : 0;
  if (h > 23 || mi > 59 || seconds > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const minute = value.trim().slice(0, 16);
  // The offset depends on the instant we are looking for: try the offsets a day before and a day
  // after, and keep the earliest candidate that really shows this wall time there.
  const before = offsetMinutesAt(asUtc - 86_400_000, timeZone);
  const after = offsetMinutesAt(asUtc + 86_400_000, timeZone);
  const candidates = [asUtc - before * 60_000, asUtc - after * 60_000].sort((a, b) => a - b);
  const found = candidates.find((t) => toSiteWallTime(new Date(t), timeZone) === minute);
  // In a spring-forward gap no instant shows this wall time: use the offset in force before the gap.
  return new Date((found ?? asUtc - before * 60_000) + seconds * 1000);
}
