import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetTestClocksForTesting, patronStatus, statusFromSubscriptions, type SubscriptionLike } from './patron-status';
import { graceDays } from './config';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { getSql } from '@/lib/db/client';
import { startBillingHarness, type BillingHarness } from './testing';

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

function sub(over: Partial<SubscriptionLike> = {}): SubscriptionLike {
  return {
    id: over.id ?? 'sub_1',
    status: 'active',
    cancelAtPeriodEnd: false,
    currentPeriodStart: at(-10 * DAY),
    currentPeriodEnd: at(20 * DAY),
    pastDueSince: null,
    endedAt: null,
    tier: { name: 'Friend' },
    ...over,
  };
}

describe('statusFromSubscriptions', () => {
  it('no subscriptions → none', () => {
    expect(statusFromSubscriptions([], NOW, 7)).toEqual({ isPatron: false, state: 'none' });
  });

  it('active → patron, with tier name', () => {
    const s = statusFromSubscriptions([sub()], NOW, 7);
    expect(s).toMatchObject({ isPatron: true, state: 'active', tierName: 'Friend' });
    expect(s.endsAt).toBeUndefined();
    expect(s.subscription?.id).toBe('sub_1');
  });

  it('active without a tier has no tierName', () => {
    expect(statusFromSubscriptions([sub({ tier: null })], NOW, 7).tierName).toBeUndefined();
  });

  it('trialing → patron', () => {
    expect(statusFromSubscriptions([sub({ status: 'trialing' })], NOW, 7)).toMatchObject({ isPatron: true, state: 'trialing' });
  });

  describe('cancelAtPeriodEnd', () => {
    it('before the period end → canceling, patron, endsAt = period end', () => {
      const end = at(1);
      const s = statusFromSubscriptions([sub({ cancelAtPeriodEnd: true, currentPeriodEnd: end })], NOW, 7);
      expect(s).toMatchObject({ isPatron: true, state: 'canceling' });
      expect(s.endsAt).toEqual(end);
    });
    it('exactly at the period end → ended', () => {
      expect(statusFromSubscriptions([sub({ cancelAtPeriodEnd: true, currentPeriodEnd: at(0) })], NOW, 7)).toMatchObject({
        isPatron: false,
        state: 'ended',
      });
    });
    it('after the period end (mirror not yet updated) → ended', () => {
      expect(statusFromSubscriptions([sub({ cancelAtPeriodEnd: true, currentPeriodEnd: at(-1) })], NOW, 7).isPatron).toBe(false);
    });
    it('trialing + cancelAtPeriodEnd → canceling', () => {
      expect(statusFromSubscriptions([sub({ status: 'trialing', cancelAtPeriodEnd: true })], NOW, 7).state).toBe('canceling');
    });
  });

  describe('past_due grace', () => {
    it('inside the grace period → past_due_grace with graceEndsAt', () => {
      const since = at(-3 * DAY);
      const s = statusFromSubscriptions([sub({ status: 'past_due', pastDueSince: since })], NOW, 7);
      expect(s).toMatchObject({ isPatron: true, state: 'past_due_grace' });
      expect(s.graceEndsAt).toEqual(new Date(since.getTime() + 7 * DAY));
    });
    it('one millisecond before the grace end → still a patron', () => {
      const s = statusFromSubscriptions([sub({ status: 'past_due', pastDueSince: at(-7 * DAY + 1) })], NOW, 7);
      expect(s.state).toBe('past_due_grace');
    });
    it('exactly at the grace end → lapsed', () => {
      const s = statusFromSubscriptions([sub({ status: 'past_due', pastDueSince: at(-7 * DAY) })], NOW, 7);
      expect(s).toMatchObject({ isPatron: false, state: 'past_due_lapsed' });
    });
    it('long past the grace end → lapsed', () => {
      expect(statusFromSubscriptions([sub({ status: 'past_due', pastDueSince: at(-30 * DAY) })], NOW, 7).state).toBe('past_due_lapsed');
    });
    it('grace days are configurable (0 → lapsed immediately)', () => {
      expect(statusFromSubscriptions([sub({ status: 'past_due', pastDueSince: at(0) })], NOW, 0).state).toBe('past_due_lapsed');
      expect(statusFromSubscriptions([sub({ status: 'past_due', pastDueSince: at(-10 * DAY) })], NOW, 14).state).toBe('past_due_grace');
    });
    it('without pastDueSince the period start is the grace start', () => {
      expect(statusFromSubscriptions([sub({ status: 'past_due', currentPeriodStart: at(-2 * DAY) })], NOW, 7).state).toBe('past_due_grace');
      expect(statusFromSubscriptions([sub({ status: 'past_due', currentPeriodStart: at(-8 * DAY) })], NOW, 7).state).toBe(
        'past_due_lapsed',
      );
    });
  });

  it.each(['canceled', 'unpaid', 'incomplete_expired'])('%s → ended, not a patron', (status) => {
    const endedAt = at(-DAY);
    const s = statusFromSubscriptions([sub({ status, endedAt })], NOW, 7);
    expect(s).toMatchObject({ isPatron: false, state: 'ended' });
    expect(s.endsAt).toEqual(endedAt);
  });

  it('canceled without endedAt → ended without endsAt', () => {
    const s = statusFromSubscriptions([sub({ status: 'canceled' })], NOW, 7);
    expect(s.state).toBe('ended');
    expect(s.endsAt).toBeUndefined();
  });

  it('an endedAt in the past ends any status', () => {
    expect(statusFromSubscriptions([sub({ status: 'active', endedAt: at(-1) })], NOW, 7).state).toBe('ended');
    expect(statusFromSubscriptions([sub({ status: 'active', endedAt: at(0) })], NOW, 7).state).toBe('ended');
  });

  it('an endedAt in the future does not end an active subscription', () => {
    expect(statusFromSubscriptions([sub({ status: 'active', endedAt: at(DAY) })], NOW, 7).state).toBe('active');
  });

  it.each(['incomplete', 'paused', 'something_new'])('%s → none, not a patron, subscription attached', (status) => {
    const s = statusFromSubscriptions([sub({ status })], NOW, 7);
    expect(s).toMatchObject({ isPatron: false, state: 'none' });
    expect(s.subscription?.status).toBe(status);
  });

  describe('several subscriptions', () => {
    it('a patron subscription beats an ended one, in either order', () => {
      const ended = sub({ id: 'old', status: 'canceled', endedAt: at(-DAY) });
      const live = sub({ id: 'new' });
      expect(statusFromSubscriptions([ended, live], NOW, 7).subscription?.id).toBe('new');
      expect(statusFromSubscriptions([live, ended], NOW, 7).subscription?.id).toBe('new');
    });
    it('active beats canceling beats grace', () => {
      const grace = sub({ id: 'g', status: 'past_due', pastDueSince: at(-DAY) });
      const canceling = sub({ id: 'c', cancelAtPeriodEnd: true });
      const active = sub({ id: 'a' });
      expect(statusFromSubscriptions([grace, canceling, active], NOW, 7).state).toBe('active');
      expect(statusFromSubscriptions([grace, canceling], NOW, 7).state).toBe('canceling');
    });
    it('lapsed beats ended beats none; ties go to the later period end', () => {
      const lapsed = sub({ id: 'l', status: 'past_due', pastDueSince: at(-20 * DAY) });
      const ended1 = sub({ id: 'e1', status: 'canceled', currentPeriodEnd: at(-5 * DAY) });
      const ended2 = sub({ id: 'e2', status: 'canceled', currentPeriodEnd: at(-2 * DAY) });
      const incomplete = sub({ id: 'i', status: 'incomplete' });
      expect(statusFromSubscriptions([incomplete, ended1, lapsed], NOW, 7).state).toBe('past_due_lapsed');
      expect(statusFromSubscriptions([incomplete, ended1, ended2], NOW, 7).subscription?.id).toBe('e2');
    });
  });
});

describe('graceDays()', () => {
  afterEach(() => {
    delete process.env.PATRON_GRACE_DAYS;
  });
  it('defaults to 7, reads PATRON_GRACE_DAYS, ignores nonsense', () => {
    expect(graceDays({})).toBe(7);
    expect(graceDays({ PATRON_GRACE_DAYS: '3' })).toBe(3);
    expect(graceDays({ PATRON_GRACE_DAYS: '0' })).toBe(0);
    expect(graceDays({ PATRON_GRACE_DAYS: 'abc' })).toBe(7);
    expect(graceDays({ PATRON_GRACE_DAYS: '-1' })).toBe(7);
  });
});

describe('patronStatus reads the mirror (raw SQL) with instants intact', () => {
  const db = setupTestDb();
  const HOUR = 3_600_000;
  // Instants on a European daylight-saving night, with milliseconds: a local-time read would shift them.
  const periodEnd = new Date('2027-03-28T01:30:00.123Z');

  async function reader(
    subs: {
      id: string;
      status: string;
      cancelAtPeriodEnd?: boolean;
      pastDueSince?: Date | null;
      endedAt?: Date | null;
      tierId?: string | null;
    }[],
  ) {
    const user = await db.prisma.user.create({ data: { email: `ps-${Math.random().toString(36).slice(2)}@example.test` } });
    for (const s of subs) {
      await db.prisma.subscription.create({
        data: {
          id: s.id,
          userId: user.id,
          customerId: `cus_${s.id}`,
          status: s.status,
          tierId: s.tierId ?? null,
          stripePriceId: 'price_x',
          currency: 'eur',
          interval: 'YEAR',
          amount: 6000,
          cancelAtPeriodEnd: s.cancelAtPeriodEnd ?? false,
          currentPeriodStart: new Date(periodEnd.getTime() - 30 * DAY),
          currentPeriodEnd: periodEnd,
          pastDueSince: s.pastDueSince ?? null,
          endedAt: s.endedAt ?? null,
          startedAt: new Date(periodEnd.getTime() - 60 * DAY),
        },
      });
    }
    return user.id;
  }

  it('canceling: patron until the exact period end, with the fields the account page shows', async () => {
    const tier = await db.prisma.tier.create({ data: { slug: `t-${Date.now()}`, name: 'Friend' } });
    const userId = await reader([{ id: `sub_c_${Date.now()}`, status: 'active', cancelAtPeriodEnd: true, tierId: tier.id }]);
    const before = await patronStatus(userId, new Date(periodEnd.getTime() - 1));
    expect(before).toMatchObject({ isPatron: true, state: 'canceling', tierName: 'Friend' });
    expect(before.endsAt?.toISOString()).toBe(periodEnd.toISOString());
    expect(before.subscription).toMatchObject({
      amount: 6000,
      currency: 'eur',
      interval: 'YEAR',
      cancelAtPeriodEnd: true,
      tierId: tier.id,
    });
    expect(before.subscription?.currentPeriodStart.toISOString()).toBe(new Date(periodEnd.getTime() - 30 * DAY).toISOString());
    expect(await patronStatus(userId, periodEnd)).toMatchObject({ isPatron: false, state: 'ended' });
  });

  it('past_due grace counts from pastDueSince as stored; several rows: the best wins; none without rows', async () => {
    const since = new Date('2027-10-31T00:30:00.456Z');
    const userId = await reader([
      { id: `sub_old_${Date.now()}`, status: 'canceled', endedAt: new Date('2027-01-01T00:00:00Z') },
      { id: `sub_pd_${Date.now()}`, status: 'past_due', pastDueSince: since },
    ]);
    const s = await patronStatus(userId, new Date(since.getTime() + HOUR));
    expect(s).toMatchObject({ isPatron: true, state: 'past_due_grace' });
    expect(s.graceEndsAt?.toISOString()).toBe(new Date(since.getTime() + graceDays() * DAY).toISOString());
    expect(s.tierName).toBeUndefined();
    expect(await patronStatus(userId, new Date(since.getTime() + graceDays() * DAY))).toMatchObject({
      isPatron: false,
      state: 'past_due_lapsed',
    });
    const nobody = await reader([]);
    expect(await patronStatus(nobody)).toEqual({ isPatron: false, state: 'none' });
  });

  it('concurrent calls share one read, and each reader gets only their own subscriptions', async () => {
    const t = Date.now();
    const active = await reader([{ id: `sub_a_${t}`, status: 'active' }]);
    const ended = await reader([{ id: `sub_e_${t}`, status: 'canceled', endedAt: new Date('2027-01-01T00:00:00Z') }]);
    const none = await reader([]);
    const sql = await getSql();
    const spy = vi.spyOn(sql, 'query');
    try {
      const now = new Date(periodEnd.getTime() - DAY);
      const [a, e, n, again] = await Promise.all([
        patronStatus(active, now),
        patronStatus(ended, now),
        patronStatus(none, now),
        patronStatus(active, now),
      ]);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(a).toMatchObject({ isPatron: true, state: 'active' });
      expect(a.subscription?.id).toBe(`sub_a_${t}`);
      expect(again.subscription?.id).toBe(`sub_a_${t}`);
      expect(e).toMatchObject({ isPatron: false, state: 'ended' });
      expect(e.subscription?.id).toBe(`sub_e_${t}`);
      expect(n).toEqual({ isPatron: false, state: 'none' });
      // A failed read fails every call that shared it (nobody is told "not a patron" by mistake).
      spy.mockRejectedValueOnce(new Error('connection lost'));
      const failed = await Promise.allSettled([patronStatus(active, now), patronStatus(ended, now)]);
      expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect((await patronStatus(active, now)).isPatron).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  describe('test mode with test clocks: "now" is the customer\'s clock time', () => {
    let harness: BillingHarness;
    beforeAll(async () => {
      harness = await startBillingHarness();
    });
    afterAll(async () => {
      delete process.env.STRIPE_TEST_CLOCKS;
      delete process.env.STRIPE_API_HOST;
      await harness.close();
    });

    it('a clock past the period end ends patronage that the real time still allows', async () => {
      const userId = await reader([{ id: `sub_clk_${Date.now()}`, status: 'active', cancelAtPeriodEnd: true }]);
      const clock = await harness.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor((periodEnd.getTime() + DAY) / 1000) });
      const customer = await harness.stripe.customers.create({ test_clock: clock.id, email: 'clock@example.test' });
      await db.prisma.stripeCustomer.create({ data: { userId, customerId: customer.id } });

      // Real time (2026) is before the 2027 period end: still a patron.
      expect(await patronStatus(userId)).toMatchObject({ isPatron: true, state: 'canceling' });
      process.env.STRIPE_TEST_CLOCKS = '1';
      process.env.STRIPE_API_HOST = '127.0.0.1';
      expect(await patronStatus(userId)).toMatchObject({ isPatron: false, state: 'ended' });
      // An explicit "now" still wins over the clock.
      expect(await patronStatus(userId, new Date(periodEnd.getTime() - HOUR))).toMatchObject({ isPatron: true, state: 'canceling' });
    });

    it('a customer Stripe does not know (a demo patron’s made-up id) is asked about once, like a found one', async () => {
      process.env.STRIPE_TEST_CLOCKS = '1';
      process.env.STRIPE_API_HOST = '127.0.0.1';
      forgetTestClocksForTesting();
      const userId = await reader([{ id: `sub_fake_${Date.now()}`, status: 'active' }]);
      await db.prisma.stripeCustomer.create({ data: { userId, customerId: `cus_demo_${Date.now()}` } });
      const found = await reader([{ id: `sub_found_${Date.now()}`, status: 'active' }]);
      const customer = await harness.stripe.customers.create({ email: 'no-clock@example.test' });
      await db.prisma.stripeCustomer.create({ data: { userId: found, customerId: customer.id } });
      const retrieve = vi.spyOn(harness.stripe.customers, 'retrieve');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        for (let i = 0; i < 3; i++) {
          expect(await patronStatus(userId)).toMatchObject({ isPatron: true, state: 'active' });
          expect(await patronStatus(found)).toMatchObject({ isPatron: true, state: 'active' });
        }
        // One lookup per customer, whether Stripe found it or not, and one warning for the missing one.
        expect(retrieve).toHaveBeenCalledTimes(2);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(String(warn.mock.calls[0])).toContain('cus_demo_');
      } finally {
        retrieve.mockRestore();
        warn.mockRestore();
      }
    });
  });
});

describe('paused collection (pause offer, issue #15)', () => {
  it('an active subscription with pause_collection is not a patron until collection resumes', () => {
    const paused = sub({ pauseBehavior: 'void', pauseResumesAt: at(30 * DAY) });
    expect(statusFromSubscriptions([paused], NOW, 7)).toMatchObject({ isPatron: false, state: 'paused', pausedUntil: at(30 * DAY) });
    // At resumes_at (exclusive) the usual rules apply again.
    expect(statusFromSubscriptions([paused], at(30 * DAY), 7)).toMatchObject({ isPatron: true, state: 'active' });
    // Paused until further notice.
    expect(statusFromSubscriptions([sub({ pauseBehavior: 'keep_as_draft', pauseResumesAt: null })], NOW, 7)).toMatchObject({
      isPatron: false,
      state: 'paused',
    });
    expect(statusFromSubscriptions([sub({ pauseBehavior: null })], NOW, 7).state).toBe('active');
  });

  it('a paused subscription ranks below any patron state, above an ended one', () => {
    const paused = sub({ id: 'sub_p', pauseBehavior: 'void', pauseResumesAt: at(30 * DAY) });
    const other = sub({ id: 'sub_a' });
    expect(statusFromSubscriptions([paused, other], NOW, 7)).toMatchObject({ state: 'active', subscription: { id: 'sub_a' } });
    const ended = sub({ id: 'sub_e', status: 'canceled', endedAt: at(-DAY) });
    expect(statusFromSubscriptions([ended, paused], NOW, 7)).toMatchObject({ state: 'paused', subscription: { id: 'sub_p' } });
    // A subscription that ended stays ended, pause or not.
    expect(statusFromSubscriptions([sub({ status: 'canceled', endedAt: at(-DAY), pauseBehavior: 'void' })], NOW, 7).state).toBe('ended');
  });
});
