/** The demo seed: deterministic, figures on the dashboard match its manifest, removal takes only demo data. */
import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { getSql } from '@/lib/db/client';
import { DEMO_EMAIL_DOMAIN, removeDemoPatrons, seedDemoPatrons } from './demo-patrons';
import { getDashboard, parseDashboardParams } from './dashboard';
import { recomputeRollups } from './rollups';

const db = setupTestDb();
const now = new Date('2026-06-15T10:00:00Z');

describe('seedDemoPatrons', () => {
  it('seeds a history whose dashboard figures match the manifest, and removes only demo members', async () => {
    const p = db.prisma;
    await p.user.create({ data: { id: 'real', email: 'real@example.org' } });
    const manifest = await seedDemoPatrons(p, { patrons: 300, seed: 7, now });
    expect(manifest.members).toBe(300);
    expect(manifest.activePatrons).toBeGreaterThan(100);
    expect(manifest.trials + manifest.payingPatrons).toBe(manifest.activePatrons);
    // Even a small demo has members in a trial and in a grace period now (members i % 97 = 5 and 11:
    // 4 and 3 of 300, plus any the random history gives), so comparing those figures means something.
    expect(manifest.trials).toBeGreaterThanOrEqual(4);
    expect(manifest.pastDue).toBeGreaterThanOrEqual(3);
    expect(Object.keys(manifest.mrrByCurrency).sort()).toEqual(['eur', 'usd']);

    const sql = await getSql();
    const [counts = {}] = await sql.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM "User" WHERE email LIKE '%@${DEMO_EMAIL_DOMAIN}')::int AS members,
              (SELECT count(*) FROM "Payment" WHERE status = 'failed')::int AS failed,
              (SELECT count(*) FROM "Payment" WHERE "amountRefunded" > 0)::int AS refunds,
              (SELECT count(*) FROM "Vote")::int AS votes,
              (SELECT count(*) FROM "Checkout" WHERE "fromArticle" IS NOT NULL OR "fromRound" IS NOT NULL)::int AS attributed,
              (SELECT count(*) FROM "SubscriptionChange" WHERE status = 'past_due')::int AS "pastDueRows",
              (SELECT count(*) FROM "SubscriptionChange" WHERE "cancelAtPeriodEnd")::int AS cancels`,
    );
    expect(counts.members).toBe(300);
    for (const k of ['failed', 'votes', 'attributed', 'pastDueRows', 'cancels']) expect(counts[k], k).toBeGreaterThan(0);

    // The dashboard (default range ending today) agrees with the plan's own count, minutes later too.
    for (const at of [now, new Date(now.getTime() + 30 * 60_000)]) {
      const dash = await getDashboard(parseDashboardParams({}, at));
      expect(dash.headline.activePatrons.current).toBe(manifest.activePatrons);
      expect(dash.headline.trials.current).toBe(manifest.trials);
      expect(dash.headline.pastDue.current).toBe(manifest.pastDue);
      expect(dash.headline.payingPatrons.current).toBe(manifest.payingPatrons);
      expect(Object.fromEntries(dash.headline.mrr.byCurrency.map((c) => [c.currency, c.current]))).toEqual(manifest.mrrByCurrency);
    }

    // A recompute changes nothing (the seed already recomputed).
    expect((await recomputeRollups()).fixedRows).toBe(0);

    expect((await removeDemoPatrons(p)).members).toBe(300);
    const [left] = await sql.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM "User")::int AS users, (SELECT count(*) FROM "SubscriptionChange")::int AS changes, (SELECT count(*) FROM "Payment")::int AS payments,
              (SELECT count(*) FROM "DailyRollup")::int AS rollups, (SELECT count(*) FROM "Round")::int AS rounds`,
    );
    expect(left).toEqual({ users: 1, changes: 0, payments: 0, rollups: 0, rounds: 0 });
  });

  it('is deterministic for a seed', async () => {
    const a = await seedDemoPatrons(db.prisma, { patrons: 50, seed: 3, now });
    await removeDemoPatrons(db.prisma);
    const b = await seedDemoPatrons(db.prisma, { patrons: 50, seed: 3, now });
    expect(b).toEqual(a);
  });
});
