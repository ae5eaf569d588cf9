/**
 * PostgreSQL only (two connections at once; vitest.config.ts leaves *.pg.test.ts out of the PGlite
 * run): a refresh that read a member's subscriptions before a webhook's change committed must not
 * write its older answer over the change.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { PATRON_STATE_ORDER, refreshMemberSummaries } from './member-summary';

const db = setupTestDb();
const T0 = new Date('2026-06-15T12:00:00.000Z');
const DAY = 86_400_000;

describe('MemberSummary refresh racing a subscription change', () => {
  it('leaves the row stale for the next refresh instead of writing what it read before the change', async () => {
    expect(db.kind).toBe('postgres');
    const user = await db.prisma.user.create({ data: { email: 'race@summary.test' } });
    await db.prisma.subscription.create({
      data: {
        id: 'sub_race',
        userId: user.id,
        customerId: 'cus_race',
        status: 'active',
        stripePriceId: 'p',
        currency: 'usd',
        interval: 'MONTH',
        amount: 500,
        currentPeriodStart: new Date(T0.getTime() - 10 * DAY),
        currentPeriodEnd: new Date(T0.getTime() + 20 * DAY),
        startedAt: new Date(T0.getTime() - 10 * DAY),
      },
    });
    // The row is stale (the subscription just arrived); a webhook now cancels it in an open transaction.
    const webhook = new pg.Client({ connectionString: db.url });
    const observer = new pg.Client({ connectionString: db.url });
    await Promise.all([webhook.connect(), observer.connect()]);
    try {
      await webhook.query('BEGIN');
      await webhook.query(`UPDATE "Subscription" SET "cancelAtPeriodEnd" = true WHERE id = 'sub_race'`);
      // The refresh reads the old state (active), then waits for the webhook's lock on the summary row.
      const refresh = refreshMemberSummaries(T0);
      let waiting = false;
      for (let i = 0; i < 100 && !waiting; i++) {
        const { rows } = await observer.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        waiting = rows[0].n > 0;
        if (!waiting) await new Promise((r) => setTimeout(r, 50));
      }
      expect(waiting).toBe(true);
      await webhook.query('COMMIT');
      await refresh;
      // Not overwritten with "active": still stale, and the next refresh sees the cancellation.
      expect(await db.prisma.memberSummary.findUnique({ where: { userId: user.id } })).toMatchObject({ stale: true });
      await refreshMemberSummaries(T0);
      expect(await db.prisma.memberSummary.findUnique({ where: { userId: user.id } })).toMatchObject({
        stale: false,
        rank: PATRON_STATE_ORDER.indexOf('canceling'),
      });
    } finally {
      await Promise.all([webhook.end(), observer.end()]);
    }
  });
});
