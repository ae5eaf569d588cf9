import { afterEach, describe, expect, it } from 'vitest';
import { fromSiteWallTime, siteTimeZone, toSiteWallTime } from './round-times';

const BERLIN = 'Europe/Berlin';

describe('round times in the newsroom time zone', () => {
  afterEach(() => {
    delete process.env.SITE_TIMEZONE;
  });

  it('reads each wall time with the offset of its own date (a round across the spring DST change)', () => {
    // CET (+01:00) until 2027-03-28, CEST (+02:00) after.
    expect(fromSiteWallTime('2027-03-20T10:00', BERLIN)?.toISOString()).toBe('2027-03-20T09:00:00.000Z');
    expect(fromSiteWallTime('2027-04-03T10:00', BERLIN)?.toISOString()).toBe('2027-04-03T08:00:00.000Z');
    // And back across the autumn change.
    expect(fromSiteWallTime('2027-10-20T10:00', BERLIN)?.toISOString()).toBe('2027-10-20T08:00:00.000Z');
    expect(fromSiteWallTime('2027-11-03T10:00', BERLIN)?.toISOString()).toBe('2027-11-03T09:00:00.000Z');
  });

  it('shows instants as the same wall time the editor typed (round trip on both sides of the change)', () => {
    for (const wall of ['2027-03-20T10:00', '2027-03-28T01:59', '2027-03-28T03:00', '2027-04-03T10:00', '2027-12-31T23:30']) {
      expect(toSiteWallTime(fromSiteWallTime(wall, BERLIN)!, BERLIN)).toBe(wall);
    }
    expect(toSiteWallTime(new Date('2027-04-03T08:00:00Z'), BERLIN)).toBe('2027-04-03T10:00');
    expect(toSiteWallTime(new Date('2027-04-03T08:00:00Z'), 'America/New_York')).toBe('2027-04-03T04:00');
  });

  it('handles the skipped and the repeated hour', () => {
    // 02:30 does not exist on 2027-03-28 in Berlin: read with the winter offset, i.e. 03:30 summer time.
    expect(fromSiteWallTime('2027-03-28T02:30', BERLIN)?.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    // 02:30 happens twice on 2027-10-31: the first one (still summer time).
    expect(fromSiteWallTime('2027-10-31T02:30', BERLIN)?.toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('takes seconds when the browser sends them, and refuses what is not a date', () => {
    expect(fromSiteWallTime('2027-04-03T10:00:30', BERLIN)?.toISOString()).toBe('2027-04-03T08:00:30.000Z');
    for (const bad of ['', 'tomorrow', '2027-02-31T10:00', '2027-04-03T24:00', '2027-04-03 10:00', '2027-04-03T10:60']) {
      expect(fromSiteWallTime(bad, BERLIN), bad).toBeNull();
    }
  });

  it('uses SITE_TIMEZONE, UTC by default', () => {
    expect(siteTimeZone()).toBe('UTC');
    expect(fromSiteWallTime('2027-04-03T10:00')?.toISOString()).toBe('2027-04-03T10:00:00.000Z');
    process.env.SITE_TIMEZONE = BERLIN;
    expect(siteTimeZone()).toBe(BERLIN);
    expect(fromSiteWallTime('2027-04-03T10:00')?.toISOString()).toBe('2027-04-03T08:00:00.000Z');
    expect(toSiteWallTime(new Date('2027-03-20T09:00:00Z'))).toBe('2027-03-20T10:00');
  });
});
