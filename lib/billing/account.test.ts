import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { sendEmail } from '@/lib/mail/send';
import { getDashboard, parseDashboardParams } from '@/lib/analytics/dashboard';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { startBillingHarness, payCheckout, subscribeInStripe, type BillingHarness } from './testing';
import { deleteMyAccount, DELETED_RECIPIENT } from './account';

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

const dashboard = () => getDashboard(parseDashboardParams({}));

describe('deleting an account closes every loose end', () => {
  it('expires open checkouts, ends subscriptions in the history at once, deletes the Stripe customer, anonymises emails, keeps payments', async () => {
    const p = db.prisma;
    const user = await p.user.create({ data: { id: 'gone', email: 'Leaving@Example.com', name: 'Lee Leaving' } });
    const stay = await p.user.create({ data: { id: 'stay', email: 'stay@example.com' } });
    const { customerId, priceId } = await subscribeInStripe(
      h,
      p,
      { id: user.id, email: 'leaving@example.com' },
      { amount: 700, interval: 'MONTH' },
    );
    const sub = await p.subscription.findFirstOrThrow({ where: { userId: user.id } });
    expect(sub.status).toBe('active');
    const before = await dashboard();
    expect(before.headline.activePatrons.current).toBe(1);
    expect(before.headline.mrr.current).toBeGreaterThan(0);

    // An open checkout (say an upgrade started and abandoned in another tab), recorded as the app does.
    const open = await h.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customerId,
      line_items: [{ price: priceId, quantity: 1 }],
      success_url: 'http://patronage.test/ok',
      cancel_url: 'http://patronage.test/no',
    });
    await p.checkout.create({
      data: { id: open.id, userId: user.id, mode: 'subscription', currency: 'usd', interval: 'MONTH', amount: 700 },
    });
    // Mail to them (by user id and by address only), someone else's mail, a pending sign-in token.
    await sendEmail({
      to: 'leaving@example.com',
      subject: 'Welcome, Lee',
      text: 'Hi Lee',
      html: '<p>Hi Lee</p>',
      kind: 'welcome',
      userId: user.id,
    });
    await sendEmail({
      to: 'LEAVING@example.com',
      subject: 'Sign in',
      text: 'http://patronage.test/signin/confirm?token=x',
      html: '<p>x</p>',
      kind: 'magic-link',
    });
    await sendEmail({ to: 'stay@example.com', subject: 'Sign in', text: 'link', html: '<p>x</p>', kind: 'magic-link', userId: stay.id });
    await p.verificationToken.create({
      data: { identifier: 'leaving@example.com', token: 'hashed', expires: new Date(Date.now() + 60_000) },
    });
    const payments = await p.payment.findMany({ where: { userId: user.id } });
    expect(payments.length).toBeGreaterThan(0);
    expect((await p.invoice.findFirstOrThrow({ where: { userId: user.id } })).hostedInvoiceUrl).toBeTruthy();

    const result = await deleteMyAccount(user.id);
    expect(result).toMatchObject({ canceledSubscriptions: [sub.id], expiredCheckouts: [open.id], deletedCustomers: [customerId] });
    expect(result.anonymisedEmails).toBeGreaterThanOrEqual(2);

    // Stripe: the abandoned checkout can no longer be paid, the subscription is over, the customer is gone.
    expect((await h.stripe.checkout.sessions.retrieve(open.id)).status).toBe('expired');
    expect((await payCheckout(`${h.sandbox.url}/checkout/${open.id}`)).status).not.toBe(303);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
    expect(await h.stripe.customers.retrieve(customerId)).toMatchObject({ deleted: true });

    // The history has the end, and the figures fell at once (before any webhook for the deleted user).
    const last = await p.subscriptionChange.findFirstOrThrow({ where: { subscriptionId: sub.id }, orderBy: { seq: 'desc' } });
    expect(last).toMatchObject({ status: 'canceled', isPatron: false });
    expect(last.endedAt).toBeInstanceOf(Date);
    const after = await dashboard();
    expect(after.headline.activePatrons.current).toBe(0);
    expect(after.headline.mrr.current).toBe(0);
    expect(after.headline.churned.current).toBe(1);

    // The database: no user, no personal data in emails, no sign-in token; payments stay, unlinked.
    expect(await p.user.findUnique({ where: { id: user.id } })).toBeNull();
    const leftovers = await p.email.findMany({
      where: {
        OR: [
          { to: { contains: 'leaving', mode: 'insensitive' } },
          { userId: user.id },
          { text: { contains: 'Lee' } },
          { subject: { contains: 'Lee' } },
        ],
      },
    });
    expect(leftovers.map((e) => ({ to: e.to, kind: e.kind, subject: e.subject, at: e.createdAt }))).toEqual([]);
    const anonymised = await p.email.findMany({ where: { to: DELETED_RECIPIENT } });
    expect(anonymised.map((e) => e.kind).sort()).toEqual(expect.arrayContaining(['magic-link', 'welcome']));
    for (const e of anonymised) expect(e).toMatchObject({ text: '', html: '', userId: null, unredacted: null });
    // What had not gone out yet never will: its delivery job finds it withheld.
    expect(anonymised.filter((e) => e.status === 'queued')).toEqual([]);
    expect(anonymised.some((e) => e.status === 'withheld')).toBe(true);
    expect(await p.email.count({ where: { to: 'stay@example.com' } })).toBe(1);
    expect(await p.verificationToken.count({ where: { identifier: 'leaving@example.com' } })).toBe(0);
    const kept = await p.payment.findMany({ where: { id: { in: payments.map((x) => x.id) } } });
    expect(kept.map((x) => [x.amount, x.currency, x.status, x.userId])).toEqual(
      payments.map((x) => [x.amount, x.currency, x.status, null]),
    );
    const invoices = await p.invoice.findMany({ where: { customerId } });
    expect(invoices.length).toBeGreaterThan(0);
    for (const inv of invoices) expect(inv).toMatchObject({ userId: null, hostedInvoiceUrl: null });

    // The webhooks the deletion set off are acknowledged, and change nothing.
    await h.settle();
    expect(await p.stripeEvent.count({ where: { processedAt: null } })).toBe(0);
    expect((await dashboard()).headline.activePatrons.current).toBe(0);
  });

  it('a checkout paid while the account is being deleted is cancelled with the rest', async () => {
    const p = db.prisma;
    const user = await p.user.create({ data: { id: 'racer', email: 'racer@example.com' } });
    const price = (await p.tierPrice.findFirstOrThrow()).stripePriceId!;
    // No customer yet: the checkout creates one, and the deletion only knows the session.
    const session = await h.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer_email: 'racer@example.com',
      line_items: [{ price, quantity: 1 }],
      metadata: { userId: user.id },
      success_url: 'http://patronage.test/ok',
      cancel_url: 'http://patronage.test/no',
    });
    await p.checkout.create({
      data: { id: session.id, userId: user.id, mode: 'subscription', currency: 'usd', interval: 'MONTH', amount: 700 },
    });
    h.onDelivery = async () => 200; // the payment's webhooks don't arrive before the deletion
    expect((await payCheckout(session.url!)).status).toBe(303);
    await h.settle();
    const paid = await h.stripe.checkout.sessions.retrieve(session.id);
    const result = await deleteMyAccount(user.id);
    expect(result.expiredCheckouts).toEqual([]);
    expect(result.canceledSubscriptions).toEqual([paid.subscription]);
    expect(result.deletedCustomers).toEqual([paid.customer]);
    expect((await h.stripe.subscriptions.retrieve(paid.subscription as string)).status).toBe('canceled');
  });

  it('a checkout Stripe already expired (Stripe refuses to expire it again) is left alone, not an error', async () => {
    const p = db.prisma;
    const user = await p.user.create({ data: { id: 'stale', email: 'stale@example.com' } });
    const price = (await p.tierPrice.findFirstOrThrow()).stripePriceId!;
    const session = await h.stripe.checkout.sessions.create({
      mode: 'subscription',
      customer_email: 'stale@example.com',
      line_items: [{ price, quantity: 1 }],
      success_url: 'http://patronage.test/ok',
      cancel_url: 'http://patronage.test/no',
    });
    await h.stripe.checkout.sessions.expire(session.id);
    await p.checkout.create({
      data: { id: session.id, userId: user.id, mode: 'subscription', currency: 'usd', interval: 'MONTH', amount: 700 },
    });
    const result = await deleteMyAccount(user.id);
    expect(result).toMatchObject({ expiredCheckouts: [], canceledSubscriptions: [], deletedCustomers: [] });
    expect(await p.user.findUnique({ where: { id: user.id } })).toBeNull();
  });
});
