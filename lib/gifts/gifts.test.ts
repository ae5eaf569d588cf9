/**
 * Gift memberships end to end against the local Stripe stand-in and the real webhook route: buy 6
 * months (one-off Checkout payment with metadata) → paid by webhook → delivery email on its date
 * (injectable now) → redeem → the recipient is a patron ("gifted") and votes, not in MRR → reminder
 * before the end → not a patron after it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { payCheckout, startBillingHarness, type BillingHarness } from '@/lib/billing/testing';
import { patronStatus, withGifts } from '@/lib/billing/patron-status';
import { getDashboard, parseDashboardParams } from '@/lib/analytics/dashboard';
import { castVote } from '@/lib/voting/votes';
import { makeRound, makeTopics } from '@/lib/voting/testing';
import { drainJobs } from '@/lib/jobs/testing';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { deliverDueGifts, giftOfToken, giftStats, redeemGift, remindEndingGifts, startGiftCheckout, GiftError } from './gifts';

let db: TestDb;
let h: BillingHarness;
const DAY = 86_400_000;

beforeAll(async () => {
  db = await createTestDb();
  h = await startBillingHarness({ webhook: webhookPOST });
  vi.stubEnv('EMAIL_SERVER', '');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await h?.close();
  await db?.close();
});

async function tier() {
  const product = await h.stripe.products.create({ name: 'Supporter' });
  const price = await h.stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500, recurring: { interval: 'month' } });
  return db.prisma.tier.create({
    data: {
      slug: `supporter-${Date.now()}`,
      name: 'Supporter',
      stripeProductId: product.id,
      prices: { create: { currency: 'usd', interval: 'MONTH', amount: 500, stripePriceId: price.id } },
    },
  });
}

describe('gift memberships', () => {
  it('buy → paid → delivered on its date → redeemed → the recipient votes (not MRR) → reminder before the end → ends', async () => {
    const p = db.prisma;
    const t = await tier();
    const buyer = await p.user.create({ data: { email: 'giver@example.com', name: 'Gina Giver' } });
    const recipient = await p.user.create({ data: { email: 'lucky@example.com', name: 'Lucky' } });
    const now = new Date();
    const deliverOn = new Date(now.getTime() + 10 * DAY).toISOString().slice(0, 10);

    // Refusals: a bad length, a date in the past.
    await expect(
      startGiftCheckout(buyer, { tierId: t.id, months: 4, currency: 'usd', recipientEmail: 'lucky@example.com', deliverOn }),
    ).rejects.toBeInstanceOf(GiftError);
    await expect(
      startGiftCheckout(buyer, { tierId: t.id, months: 6, currency: 'usd', recipientEmail: 'lucky@example.com', deliverOn: '2020-01-01' }),
    ).rejects.toThrow(/today or later/);

    const { url, giftId } = await startGiftCheckout(buyer, {
      tierId: t.id,
      months: 6,
      currency: 'usd',
      recipientEmail: 'Lucky@Example.com',
      message: 'Happy birthday!',
      deliverOn,
    });
    const gift0 = await p.giftMembership.findUniqueOrThrow({ where: { id: giftId } });
    expect(gift0).toMatchObject({ amount: 3000, currency: 'usd', months: 6, recipientEmail: 'lucky@example.com', paidAt: null });
    const session = await h.stripe.checkout.sessions.retrieve(gift0.checkoutSessionId!);
    expect(session).toMatchObject({ mode: 'payment', amount_total: 3000, metadata: { kind: 'gift', giftId } });

    expect((await payCheckout(url)).status).toBe(303);
    await h.settle();
    const paid = await p.giftMembership.findUniqueOrThrow({ where: { id: giftId } });
    expect(paid.paidAt).toBeTruthy();
    // The payment is one-off revenue, and the buyer's checkout is complete.
    expect(await p.payment.count({ where: { userId: buyer.id, amount: 3000 } })).toBe(1);
    expect((await p.checkout.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('COMPLETED');

    // Delivery on its date, not before, once.
    expect(await deliverDueGifts(new Date(now.getTime() + 5 * DAY))).toBe(0);
    const onDate = new Date(`${deliverOn}T00:05:00Z`);
    expect(await deliverDueGifts(onDate)).toBe(1);
    expect(await deliverDueGifts(onDate)).toBe(0);
    await drainJobs();
    const mail = await p.email.findFirstOrThrow({ where: { to: 'lucky@example.com', kind: 'gift-delivery' } });
    expect(mail.text).toContain('Happy birthday!');
    expect(mail.text).toContain('Gina Giver');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect((await giftOfToken(token))?.id).toBe(giftId);

    const mrrBefore = (await getDashboard(parseDashboardParams({}))).headline.mrr.current;
    const redeemedAt = new Date(onDate.getTime() + DAY);
    const { endsAt } = await redeemGift(token, recipient.id, redeemedAt);
    await expect(redeemGift(token, buyer.id, redeemedAt)).rejects.toThrow(/already redeemed/);
    // Said to a reader of the Ukrainian site in Ukrainian (the redeem route says the refusal in the page's language).
    const again = await redeemGift(token, recipient.id, redeemedAt).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(GiftError);
    expect(errorMessageIn(again as GiftError, 'uk')).toBe('Ви вже активували цей подарунок.');
    expect(errorMessageIn(again as GiftError, 'en')).toBe('You have already redeemed this gift.');
    const unknown = await redeemGift('no-such-token-at-all', recipient.id).catch((e: unknown) => e);
    expect(errorMessageIn(unknown as GiftError, 'uk')).toMatch(/^Це посилання на подарунок недійсне\./);

    const status = await patronStatus(recipient.id, new Date(redeemedAt.getTime() + DAY));
    expect(status).toMatchObject({ isPatron: true, state: 'gifted', tierName: 'Supporter' });
    expect(status.endsAt?.getTime()).toBe(endsAt.getTime());
    const round = await makeRound(p, {
      opensAt: new Date(redeemedAt.getTime() - DAY),
      closesAt: new Date(redeemedAt.getTime() + 30 * DAY),
    });
    const [topic] = await makeTopics(p, round.id, 1);
    await expect(castVote(recipient.id, topic!.id, { now: new Date(redeemedAt.getTime() + DAY) })).resolves.toMatchObject({
      topicId: topic!.id,
    });
    // Not MRR; counted apart.
    expect((await getDashboard(parseDashboardParams({}))).headline.mrr.current).toBe(mrrBefore);
    expect((await giftStats({}, new Date(redeemedAt.getTime() + DAY))).activeGifted).toBe(1);

    // The reminder: not a month before the end, within the last week, once.
    expect(await remindEndingGifts(new Date(endsAt.getTime() - 30 * DAY))).toBe(0);
    expect(await remindEndingGifts(new Date(endsAt.getTime() - 6 * DAY))).toBe(1);
    expect(await remindEndingGifts(new Date(endsAt.getTime() - 5 * DAY))).toBe(0);
    await drainJobs();
    const reminder = await p.email.findFirstOrThrow({ where: { userId: recipient.id, kind: 'gift-reminder' } });
    expect(reminder.text).toContain('/support');

    // Over at its end.
    expect(await patronStatus(recipient.id, endsAt)).toMatchObject({ isPatron: false });
  });

  it('a paying subscription wins over a gift; a gift wins over paused, past due or ended (pure)', () => {
    const now = new Date('2027-03-01T00:00:00Z');
    const gift = { id: 'g', startsAt: new Date('2027-01-01T00:00:00Z'), endsAt: new Date('2027-07-01T00:00:00Z'), tierName: 'Friend' };
    expect(withGifts({ isPatron: true, state: 'active' }, [gift], now).state).toBe('active');
    expect(withGifts({ isPatron: false, state: 'paused' }, [gift], now)).toMatchObject({
      isPatron: true,
      state: 'gifted',
      endsAt: gift.endsAt,
    });
    expect(withGifts({ isPatron: false, state: 'none' }, [gift], new Date('2027-07-01T00:00:00Z')).state).toBe('none');
    expect(withGifts({ isPatron: false, state: 'none' }, [gift], new Date('2026-12-31T00:00:00Z')).state).toBe('none');
  });
});
