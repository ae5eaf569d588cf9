/**
 * Pay it forward against the stand-in and the real webhook route: a contribution paid by Checkout fills
 * the pot; a reader applies; staff grant from the pot; the granted reader votes (not MRR, counted apart);
 * a grant the pot cannot pay for is refused.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { payCheckout, startBillingHarness, type BillingHarness } from '@/lib/billing/testing';
import { patronStatus } from '@/lib/billing/patron-status';
import { getDashboard, parseDashboardParams } from '@/lib/analytics/dashboard';
import { castVote } from '@/lib/voting/votes';
import { makeRound, makeTopics } from '@/lib/voting/testing';
import { giftStats } from '@/lib/gifts/gifts';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { applyForMembership, declineApplication, grantMembership, potBalance, startContribution, PifError } from './pif';

let db: TestDb;
let h: BillingHarness;

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

const noRefusal = (): never => {
  throw new Error('expected a refusal');
};

describe('pay it forward', () => {
  it('contribution → pot → application → grant → the granted reader votes; the pot is never overdrawn', async () => {
    const p = db.prisma;
    const product = await h.stripe.products.create({ name: 'Reader' });
    const price = await h.stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 500,
      recurring: { interval: 'month' },
    });
    const tier = await p.tier.create({
      data: {
        slug: 'reader',
        name: 'Reader',
        stripeProductId: product.id,
        prices: { create: { currency: 'usd', interval: 'MONTH', amount: 500, stripePriceId: price.id } },
      },
    });
    const giver = await p.user.create({ data: { email: 'giver@example.com' } });
    const applicant = await p.user.create({ data: { email: 'applicant@example.com', name: 'Ana' } });
    const other = await p.user.create({ data: { email: 'other@example.com' } });
    const staff = await p.user.create({ data: { email: 'staff@example.com', role: 'ADMIN' } });

    await expect(startContribution(giver, { amount: 0.5, currency: 'usd' })).rejects.toBeInstanceOf(PifError);
    const { url } = await startContribution(giver, { amount: 40, currency: 'usd' });
    expect(await potBalance()).toEqual([]);
    expect((await payCheckout(url)).status).toBe(303);
    await h.settle();
    expect(await potBalance()).toEqual([{ currency: 'usd', contributed: 4000, granted: 0, balance: 4000 }]);

    const short = await applyForMembership(applicant.id, { reason: 'short' }).then(noRefusal, (e: unknown) => e as PifError);
    expect(short.message).toMatch(/10 characters/);
    // Readers of /uk get it in Ukrainian (the apply route answers with errorMessageIn).
    expect(errorMessageIn(short, 'uk')).toBe('Одним-двома реченнями розкажіть, чому ви подаєте заявку (щонайменше 10 символів).');
    const application = await applyForMembership(applicant.id, { reason: 'I lost my job but I read every story.' });
    await expect(applyForMembership(applicant.id, { reason: 'Applying a second time, please.' })).rejects.toThrow(/already applied/);
    const second = await applyForMembership(other.id, { reason: 'Student, cannot afford it right now.' });

    const mrrBefore = (await getDashboard(parseDashboardParams({}))).headline.mrr.current;
    const { endsAt } = await grantMembership(staff.id, { applicationId: application.id, tierId: tier.id, months: 6, currency: 'usd' });
    expect(await potBalance()).toEqual([{ currency: 'usd', contributed: 4000, granted: 3000, balance: 1000 }]);
    const status = await patronStatus(applicant.id);
    expect(status).toMatchObject({ isPatron: true, state: 'gifted', tierName: 'Reader' });
    expect(status.endsAt?.getTime()).toBe(endsAt.getTime());
    const round = await makeRound(p);
    const [topic] = await makeTopics(p, round.id, 1);
    await expect(castVote(applicant.id, topic!.id)).resolves.toMatchObject({ topicId: topic!.id });
    expect((await getDashboard(parseDashboardParams({}))).headline.mrr.current).toBe(mrrBefore);
    expect(await giftStats()).toMatchObject({ activeGranted: 1, activeGifted: 0, sold: 0 });
    expect(await p.email.count({ where: { userId: applicant.id, kind: 'pif-granted' } })).toBe(1);
    await expect(grantMembership(staff.id, { applicationId: application.id, tierId: tier.id, months: 3, currency: 'usd' })).rejects.toThrow(
      /already decided/,
    );

    // 1,000 left: 3 months (1,500) is more than the pot holds.
    const short3 = await grantMembership(staff.id, { applicationId: second.id, tierId: tier.id, months: 3, currency: 'usd' }).then(
      noRefusal,
      (e: unknown) => e as PifError,
    );
    expect(short3.message).toBe('The pot holds $10.00; 3 months of Reader cost $15.00.');
    expect(errorMessageIn(short3, 'uk')).toBe('У фонді $10.00, а 3 місяці рівня «Reader» коштують $15.00.');
    expect((await p.payItForwardApplication.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('pending');
    await declineApplication(staff.id, second.id);
    expect((await p.payItForwardApplication.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('declined');
    expect((await patronStatus(other.id)).isPatron).toBe(false);
  });
});
