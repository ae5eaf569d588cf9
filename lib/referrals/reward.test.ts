/**
 * The referral reward rule, end to end through the real routes, the job queue and the Stripe stand-in:
 * off (the default) gives nothing; on, a referred checkout queues a job (nothing inside the webhook)
 * that credits the referrer one month of their price on their Stripe customer balance, records it on the
 * Referral row, thanks them mentioning it, and the referrer's next invoice is reduced by it. Redelivered
 * webhooks, repeated jobs and a job retried after a crash between Stripe and the database give no second credit.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { POST as checkoutPOST } from '@/app/api/checkout/route';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { startBillingHarness, payCheckout, webhookRequest, type BillingHarness } from '@/lib/billing/testing';
import { createTier, syncTierToStripe } from '@/lib/billing/tiers';
import { drainJobs } from '@/lib/jobs/testing';
import { makePatron, makeUser } from '@/lib/voting/testing';
import { referralCodeFor } from './referrals';
import { oneMonthOf, referralRewardsOf, runReferralReward } from './reward';
import { referredGuestCheckout } from './testing';
import { getReferralSettings, saveReferralSettings } from './settings';

let db: TestDb;
let h: BillingHarness;
let tierId: string;
let signedIn: { id: string; email: string } | null = null;
let n = 0;

beforeAll(async () => {
  process.env.LIMIT_CHECKOUT = '1000/1h';
  db = await createTestDb();
  h = await startBillingHarness({ webhook: webhookPOST });
  setSessionLookupForTesting(async () => (signedIn ? { user: { ...signedIn, name: null, role: 'READER' } } : null));
  tierId = (
    await createTier({
      name: 'Friend',
      prices: [
        { currency: 'usd', interval: 'MONTH', amount: 500 },
        { currency: 'usd', interval: 'YEAR', amount: 4900 },
      ],
    })
  ).id;
  await syncTierToStripe(tierId);
});

afterAll(async () => {
  delete process.env.LIMIT_CHECKOUT;
  setSessionLookupForTesting(undefined);
  await h?.close();
  await db?.close();
});

/** A referrer paying through Stripe (on a test clock, so the test can reach their next invoice). */
async function payingReferrer(interval: 'MONTH' | 'YEAR') {
  const user = await makeUser(db.prisma);
  const price = await db.prisma.tierPrice.findFirstOrThrow({ where: { tierId, interval } });
  const clock = await h.stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
  const customer = await h.stripe.customers.create({ email: user.email, metadata: { userId: user.id }, test_clock: clock.id });
  await db.prisma.stripeCustomer.create({ data: { userId: user.id, customerId: customer.id } });
  const session = await h.stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: price.stripePriceId!, quantity: 1 }],
    success_url: 'http://patronage.test/ok?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://patronage.test/support',
  });
  expect((await payCheckout(session.url!)).status).toBe(303);
  await h.settle();
  const sub = await db.prisma.subscription.findFirstOrThrow({ where: { userId: user.id } });
  expect(sub).toMatchObject({ status: 'active', amount: price.amount, interval });
  return { user, customerId: customer.id, clockId: clock.id, subscriptionId: sub.id, code: await referralCodeFor(user.id) };
}

/** A reader who is not signed in pays through the referral link (pay first). Returns the checkout session id. */
async function referredCheckout(ref: string): Promise<string> {
  signedIn = null;
  return referredGuestCheckout(h, checkoutPOST, { tierId, ref, email: `referred-${++n}@example.com` });
}

const credits = async (customerId: string) =>
  (await h.stripe.customers.listBalanceTransactions(customerId, { limit: 100 })).data.filter((t) => t.type === 'adjustment');

async function advance(clockId: string, to: number) {
  await h.stripe.testHelpers.testClocks.advance(clockId, { frozen_time: to });
  for (let i = 0; i < 500 && (await h.stripe.testHelpers.testClocks.retrieve(clockId)).status !== 'ready'; i++)
    await new Promise((r) => setTimeout(r, 20));
  await h.settle();
}

describe('referral reward rule', () => {
  it('is off by default: a referral is thanked, and the referrer gets no credit', async () => {
    expect(await getReferralSettings()).toEqual({ rewardFreeMonth: false });
    const referrer = await payingReferrer('MONTH');
    const sessionId = await referredCheckout(referrer.code);
    await drainJobs();
    expect(await db.prisma.referral.findUniqueOrThrow({ where: { checkoutId: sessionId } })).toMatchObject({
      referrerId: referrer.user.id,
      rewardedAt: null,
      rewardAmount: null,
    });
    expect(await credits(referrer.customerId)).toEqual([]);
    const thanks = await db.prisma.email.findMany({ where: { userId: referrer.user.id, kind: 'referral-thanks' } });
    expect(thanks).toHaveLength(1);
    expect(thanks[0]!.text).not.toMatch(/free month/);
    expect(await referralRewardsOf(referrer.user.id)).toEqual([]);
  });

  it('on: the job credits exactly one month, once, the thank-you says so, and the next invoice is reduced by it', async () => {
    await saveReferralSettings({ rewardFreeMonth: 'on' });
    const referrer = await payingReferrer('MONTH');
    const sessionId = await referredCheckout(referrer.code);

    // Nothing happened inside the webhook: the reward (and then the thank-you) waits in the queue.
    expect(await credits(referrer.customerId)).toEqual([]);
    expect(await db.prisma.referral.findUniqueOrThrow({ where: { checkoutId: sessionId } })).toMatchObject({
      rewardedAt: null,
      thankedAt: null,
    });
    expect(await db.prisma.email.count({ where: { userId: referrer.user.id, kind: 'referral-thanks' } })).toBe(0);

    await drainJobs();
    const row = await db.prisma.referral.findUniqueOrThrow({ where: { checkoutId: sessionId } });
    expect(row).toMatchObject({ rewardAmount: 500, rewardCurrency: 'usd' });
    expect(row.rewardedAt).toBeInstanceOf(Date);
    expect(row.thankedAt).toBeInstanceOf(Date);
    const given = await credits(referrer.customerId);
    expect(given.map((t) => [t.amount, t.currency, t.id])).toEqual([[-500, 'usd', row.rewardTransactionId]]);
    expect(((await h.stripe.customers.retrieve(referrer.customerId)) as Stripe.Customer).balance).toBe(-500);
    const thanks = await db.prisma.email.findMany({ where: { userId: referrer.user.id, kind: 'referral-thanks' } });
    expect(thanks).toHaveLength(1);
    expect(thanks[0]!.subject).toMatch(/next month is on us/);
    expect(thanks[0]!.text).toContain('one free month ($5.00)');
    expect(await referralRewardsOf(referrer.user.id)).toEqual([{ months: 1, amount: 500, currency: 'usd' }]);

    // The checkout's webhook delivered again, the job queued again and run: no second credit, no second email.
    const completed = h.events().filter((d) => d.type === 'checkout.session.completed' && d.body.includes(sessionId));
    expect(completed.length).toBeGreaterThan(0);
    for (const d of completed) expect((await webhookPOST(webhookRequest(d.body, d.signature))).status).toBe(200);
    await drainJobs();
    expect(await runReferralReward(sessionId)).toBe('already-rewarded');
    // A retry after a crash between Stripe's answer and the row's update: Stripe's idempotency key answers.
    await db.prisma.referral.update({
      where: { checkoutId: sessionId },
      data: { rewardedAt: null, rewardAmount: null, rewardCurrency: null },
    });
    expect(await runReferralReward(sessionId)).toBe('rewarded');
    expect(await credits(referrer.customerId)).toHaveLength(1);
    expect(await db.prisma.referral.findUniqueOrThrow({ where: { checkoutId: sessionId } })).toMatchObject({
      rewardAmount: 500,
      rewardTransactionId: row.rewardTransactionId,
    });
    expect(await db.prisma.email.count({ where: { userId: referrer.user.id, kind: 'referral-thanks' } })).toBe(1);

    // The referrer's next invoice: 500 less the 500 credit.
    const sub = await h.stripe.subscriptions.retrieve(referrer.subscriptionId);
    await advance(referrer.clockId, sub.items.data[0]!.current_period_end + 3600);
    const renewal = await h.stripe.invoices.retrieve(
      (await h.stripe.subscriptions.retrieve(referrer.subscriptionId)).latest_invoice as string,
    );
    expect(renewal).toMatchObject({
      billing_reason: 'subscription_cycle',
      total: 500,
      starting_balance: -500,
      ending_balance: 0,
      amount_due: 0,
      status: 'paid',
    });
    expect((await h.stripe.subscriptions.retrieve(referrer.subscriptionId)).status).toBe('active');
    expect(await db.prisma.subscription.findUniqueOrThrow({ where: { id: referrer.subscriptionId } })).toMatchObject({ status: 'active' });
    // The app's webhook accepted every event of all this (the credit's customer.updated, the invoice paid by the balance).
    expect(
      h.sandbox
        .deliveries()
        .filter((d) => d.status !== 200)
        .map((d) => `${d.type}: ${d.status} ${d.error ?? ''}`),
    ).toEqual([]);
    const mirrored = await db.prisma.invoice.findUniqueOrThrow({ where: { id: renewal.id } });
    expect(mirrored).toMatchObject({ status: 'paid', amountDue: 0, amountPaid: 0 });
  });

  it('on: a yearly patron gets a twelfth of their price (rounded); a referrer without an active subscription is thanked without a credit', async () => {
    await saveReferralSettings({ rewardFreeMonth: true });
    expect(oneMonthOf(4900, 'YEAR')).toBe(408);
    expect(oneMonthOf(500, 'MONTH')).toBe(500);
    const yearly = await payingReferrer('YEAR');
    const yearlyCheckout = await referredCheckout(yearly.code);
    await drainJobs();
    expect(await db.prisma.referral.findUniqueOrThrow({ where: { checkoutId: yearlyCheckout } })).toMatchObject({ rewardAmount: 408 });
    expect((await credits(yearly.customerId)).map((t) => t.amount)).toEqual([-408]);

    const reader = await makeUser(db.prisma);
    const readerCheckout = await referredCheckout(await referralCodeFor(reader.id));
    await drainJobs();
    const row = await db.prisma.referral.findUniqueOrThrow({ where: { checkoutId: readerCheckout } });
    expect(row).toMatchObject({ referrerId: reader.id, rewardedAt: null, rewardAmount: null });
    expect(row.thankedAt).toBeInstanceOf(Date);
    const thanks = await db.prisma.email.findMany({ where: { userId: reader.id, kind: 'referral-thanks' } });
    expect(thanks).toHaveLength(1);
    expect(thanks[0]!.text).not.toMatch(/free month/);

    // A membership whose customer Stripe no longer knows: Stripe refuses the credit, the referrer is still thanked (no retry loop).
    const ghost = await makePatron(db.prisma);
    const ghostCheckout = await referredCheckout(await referralCodeFor(ghost.id));
    expect(await drainJobs()).toMatchObject({ failed: 0 });
    expect(await db.prisma.referral.findUniqueOrThrow({ where: { checkoutId: ghostCheckout } })).toMatchObject({ rewardedAt: null });
    expect(await db.prisma.email.count({ where: { userId: ghost.id, kind: 'referral-thanks' } })).toBe(1);
    await saveReferralSettings({ rewardFreeMonth: false });
  });
});
