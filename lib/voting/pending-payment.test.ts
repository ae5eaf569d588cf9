/**
 * The promise to a reader who is not yet a patron: the topic they pick is counted once their first
 * payment lands. Driven through the local Stripe stand-in and the real webhook route.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { POST } from '@/app/api/stripe/webhook/route';
import { startBillingHarness, payCheckout, webhookRequest, type BillingHarness } from '@/lib/billing/testing';
import { pickTopicAsNonPatron } from './pending';
import { castVote } from './votes';

let h: BillingHarness;
let db: TestDb;

beforeAll(async () => {
  h = await startBillingHarness();
  db = await createTestDb();
  h.onDelivery = async (d) => (await POST(webhookRequest(d.body, d.signature))).status;
});
afterAll(async () => {
  await db?.close();
  await h?.close();
});

it('a reader picks a topic, pays, and finds the vote counted', async () => {
  const now = new Date();
  const user = await db.prisma.user.create({ data: { email: 'new-patron@example.com' } });
  const round = await db.prisma.round.create({
    data: {
      slug: 'spring',
      title: 'Spring',
      status: 'OPEN',
      opensAt: new Date(now.getTime() - 86_400_000),
      closesAt: new Date(now.getTime() + 86_400_000),
    },
  });
  const topic = await db.prisma.topic.create({ data: { roundId: round.id, title: 'Who owns the riverfront?', status: 'OPEN' } });

  await expect(castVote(user.id, topic.id)).rejects.toThrow(/Only patrons can vote/);
  await pickTopicAsNonPatron(user.id, topic.id);
  expect(await db.prisma.vote.count()).toBe(0);

  const product = await h.stripe.products.create({ name: 'Friend' });
  const price = await h.stripe.prices.create({ product: product.id, currency: 'eur', unit_amount: 500, recurring: { interval: 'month' } });
  const customer = await h.stripe.customers.create({ email: user.email, metadata: { userId: user.id } });
  await db.prisma.stripeCustomer.create({ data: { userId: user.id, customerId: customer.id } });
  const session = await h.stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    client_reference_id: user.id,
    line_items: [{ price: price.id, quantity: 1 }],
    metadata: { userId: user.id },
    subscription_data: { metadata: { userId: user.id } },
    success_url: 'http://patronage.test/support/success?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://patronage.test/support',
  });
  expect((await payCheckout(session.url!)).status).toBe(303);
  await h.settle();

  const votes = await db.prisma.vote.findMany({ where: { userId: user.id } });
  expect(votes.map((v) => v.topicId)).toEqual([topic.id]);
  expect(await db.prisma.pendingVote.count({ where: { userId: user.id } })).toBe(0);
  expect(await db.prisma.voteAudit.findFirst({ where: { userId: user.id } })).toMatchObject({ action: 'converted', topicId: topic.id });
});
