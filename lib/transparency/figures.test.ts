/** /transparency's figures equal the dashboard's for the same instant, and no group below the minimum is shown. */
import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { seedDemo } from '@/lib/articles/demo-content';
import { removeDemoPatrons, seedDemoPatrons } from '@/lib/analytics/demo-patrons';
import { getDashboard, getTopicStats, parseDashboardParams } from '@/lib/analytics/dashboard';
import { getTransparencyFigures, mergeSmallGroups, minGroupSize, roundMoney, type Group } from './figures';

const db = setupTestDb();

describe('minimum group size', () => {
  it('merges groups below the minimum into "Other", and hides "Other" when it is below the minimum too', () => {
    const g = (key: string, count: number): Group => ({ key, label: key, count });
    expect(mergeSmallGroups([g('a', 50), g('b', 9), g('c', 3), g('d', 1)], 10)).toEqual([
      g('a', 50),
      { key: '__other', label: 'Other', count: 13 },
    ]);
    expect(mergeSmallGroups([g('a', 50), g('b', 3)], 10)).toEqual([g('a', 50)]);
    expect(mergeSmallGroups([g('b', 10), g('a', 12)], 10)).toEqual([g('a', 12), g('b', 10)]);
    expect(mergeSmallGroups([g('a', 4), g('b', 4)], 10)).toEqual([]);
  });

  it('reads TRANSPARENCY_MIN_GROUP (default 10; nonsense falls back to the default)', () => {
    expect(minGroupSize({})).toBe(10);
    expect(minGroupSize({ TRANSPARENCY_MIN_GROUP: '25' })).toBe(25);
    expect(minGroupSize({ TRANSPARENCY_MIN_GROUP: '0' })).toBe(10);
    expect(minGroupSize({ TRANSPARENCY_MIN_GROUP: 'lots' })).toBe(10);
  });

  it('rounds money to the nearest 100', () => {
    expect(roundMoney(1_234_567)).toBe(1_230_000);
    expect(roundMoney(1_235_000)).toBe(1_240_000);
  });
});

describe('getTransparencyFigures', () => {
  it('equals the dashboard for the same instant, with small groups merged or hidden', async () => {
    const now = new Date();
    await seedDemo(db.prisma, now);
    await seedDemoPatrons(db.prisma, { patrons: 300, seed: 4, now });

    const figures = await getTransparencyFigures({ now, env: {} });
    const query = parseDashboardParams({}, now);
    const dash = await getDashboard(query, { now });
    const topics = await getTopicStats({ from: query.from, to: query.to });

    expect(figures.range).toEqual(dash.range);
    expect(figures.patronsNow).toBe(dash.headline.activePatrons.current);
    expect(figures.patronsNow).toBeGreaterThan(100);
    expect(figures.monthlyRevenue).toBe(roundMoney(dash.headline.mrr.current));
    expect(figures.reportingCurrency).toBe(dash.reportingCurrency);
    expect(figures.rounds).toBe(topics.totals.rounds);
    expect(figures.rounds).toBeGreaterThanOrEqual(3);
    expect(figures.votes).toBe(topics.totals.votes);
    expect(figures.voters).toBe(topics.totals.voters);
    expect(figures.topicsPublished).toBe(topics.totals.topicsPublished);
    expect(figures.topicsPublished).toBeGreaterThan(0);
    expect(figures.topicsCommissioned).toBeGreaterThan(figures.topicsPublished);

    // Every shown source is the dashboard's own row, or the merge of its rows below the minimum.
    for (const [shown, rows] of [
      [figures.sourcesBySection, dash.attribution.bySection],
      [figures.sourcesByPlacement, dash.attribution.byPlacement],
    ] as const) {
      expect(shown.length).toBeGreaterThan(0);
      const small = rows.filter((r) => r.conversions > 0 && r.conversions < 10).reduce((n, r) => n + r.conversions, 0);
      for (const g of shown) {
        expect(g.count).toBeGreaterThanOrEqual(10);
        if (g.key === '__other') expect(g.count).toBe(small);
        else expect(g.count).toBe(rows.find((r) => r.key === g.key)!.conversions);
      }
      const big = rows.filter((r) => r.conversions >= 10).reduce((n, r) => n + r.conversions, 0);
      expect(shown.reduce((n, g) => n + g.count, 0)).toBe(big + (small >= 10 ? small : 0));
    }

    // A minimum above every group hides them all, and the patron-level figures with them.
    const strict = await getTransparencyFigures({ now, env: { TRANSPARENCY_MIN_GROUP: '5000' } });
    expect(strict).toMatchObject({ patronsNow: null, monthlyRevenue: null, voters: null, sourcesBySection: [], sourcesByPlacement: [] });
    await removeDemoPatrons(db.prisma);
  });
});
