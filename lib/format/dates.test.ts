import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatIsoDay,
  formatIsoMinute,
  formatMonthLabel,
  formatShortDay,
  formatStaffDay,
  formatStaffMinute,
  siteTimeZone,
} from './dates';

const at = new Date('2026-03-12T23:30:00Z');

describe('dates', () => {
  it('reads SITE_TIMEZONE, UTC by default', () => {
    expect(siteTimeZone({})).toBe('UTC');
    expect(siteTimeZone({ SITE_TIMEZONE: ' Europe/Berlin ' })).toBe('Europe/Berlin');
  });
  it('writes long dates in the given zone', () => {
    expect(formatDate(at, 'UTC')).toBe('March 12, 2026');
    expect(formatDate(at, 'Europe/Berlin')).toBe('March 13, 2026');
    expect(formatDateTime(at, 'UTC')).toMatch(/^March 12, 2026 at 11:30\sPM$/);
  });
  it('writes ISO days and minutes in UTC', () => {
    expect(formatIsoDay(at)).toBe('2026-03-12');
    expect(formatIsoMinute(at)).toBe('2026-03-12 23:30');
  });
  it('writes chart labels', () => {
    expect(formatMonthLabel(at)).toBe('Mar 2026');
    expect(formatShortDay(at)).toBe('12 Mar 2026');
  });
});

describe('dates in Ukrainian', () => {
  it('writes the month in the genitive, as Ukrainian readers expect', () => {
    expect(formatDate(new Date('2026-03-12T10:00:00Z'), 'UTC', 'uk')).toBe('12 березня 2026 р.');
  });
});

describe('staff dates', () => {
  it('stay ISO in English and read day.month.year in Ukrainian (UTC)', () => {
    expect(formatStaffDay(at)).toBe('2026-03-12');
    expect(formatStaffDay(at, 'uk')).toBe('12.03.2026');
    expect(formatStaffMinute(at)).toBe('2026-03-12 23:30');
    expect(formatStaffMinute(at, 'uk')).toBe('12.03.2026, 23:30');
  });
  it('name chart buckets in Ukrainian', () => {
    expect(formatMonthLabel(at, 'uk')).toBe('бер. 2026 р.');
    expect(formatShortDay(at, 'uk')).toBe('12 бер. 2026 р.');
    expect(formatMonthLabel(at, 'en')).toBe('Mar 2026');
  });
});
