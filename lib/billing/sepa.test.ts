/**
 * SEPA Direct Debit through the app (issue 18): the payment-method setting, and the two delayed outcomes
 * from the Stripe stand-in through the real webhook route. A debit that is still processing keeps the
 * reader a patron from the start; one that succeeds later changes nothing for them; one that fails ends
 * the membership with the failed-payment email.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { POST as checkoutPOST } from '@/app/api/checkout/route';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { startBillingHarness, type BillingHarness } from './testing';
import { createTier, syncTierToStripe } from './tiers';
import { patronStatus } from './patron-status';
import { allowedPaymentMethodTypes, parsePaymentMethodSetting } from './payment-methods';

describe('CHECKOUT_PAYMENT_METHODS (pure)', () => {
  it('automatic by default; a list filters, SEPA only for EUR, never empty; nonsense is refused with a sentence', () => {
    expect(allowedPaymentMethodTypes('eur', {})).toBeNull();
    expect(allowedPaymentMethodTypes('usd', { CHECKOUT_PAYMENT_METHODS: 'automatic' })).toBeNull();
    expect(allowedPaymentMethodTypes('eur', { CHECKOUT_PAYMENT_METHODS: 'card, sepa_debit' })).toEqual(['card', 'sepa_debit']);
    expect(allowedPaymentMethodTypes('usd', { CHECKOUT_PAYMENT_METHODS: 'card,sepa_debit' })).toEqual(['card']);
    expect(allowedPaymentMethodTypes('usd', { CHECKOUT_PAYMENT_METHODS: 'sepa_debit' })).toEqual(['card']);
    expect(() => parsePaymentMethodSetting('card;drop table')).toThrow(/CHECKOUT_PAYMENT_METHODS must be/);
  });
});

describe('SEPA Direct Debit memberships (stand-in → webhooks → mirror)', () => {
  let db: TestDb;
  let h: BillingHarness;
  let tierId: string;
  let signedIn: { id: string; email: string; name: null; role: 'READER' } | null = null;

  beforeAll(async () => {
    process.env.LIMIT_CHECKOUT = '1000/1h';
    db = await createTestDb();
    // Long enough to look at the processing state before the debit settles.
    h = await startBillingHarness({ sepaSettleMs: 2500, webhook: webhookPOST });
    setSessionLookupForTesting(async () => (signedIn ? { user: signedIn } : null));
    tierId = (await createTier({ name: 'Friend', prices: [{ currency: 'eur', interval: 'MONTH', amount: 500 }] })).id;
    await syncTierToStripe(tierId);
  });
  afterAll(async () => {
    delete process.env.LIMIT_CHECKOUT;
    delete process.env.CHECKOUT_PAYMENT_METHODS;
    setSessionLookupForTesting(undefined);
    await h?.close();
    await db?.close();
  });

  async function payBySepa(email: string, iban: string) {
    const user = await db.prisma.user.create({ data: { email } });
    signedIn = { id: user.id, email, name: null, role: 'READER' };
    const res = await checkoutPOST(
      new Request('http://patronage.test/api/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tierId, currency: 'eur', interval: 'MONTH' }),
      }),
    );
    const { url } = (await res.json()) as { url: string };
    const sessionId = /\/checkout\/(cs_[A-Za-z0-9_]+)/.exec(url)![1]!;
    expect((await h.stripe.checkout.sessions.retrieve(sessionId)).payment_method_types).toEqual(['card', 'sepa_debit']);
    const paid = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ method: 'sepa_debit', iban, holder: 'Erika Mustermann' }),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    // The debit is processing: wait for the checkout's webhooks only (not for the debit to settle), to
    // their end: the subscription mirrored (the checkout row names it a moment before, in the same handler).
    await expect
      .poll(async () => (await db.prisma.subscription.findFirst({ where: { userId: user.id }, select: { id: true } }))?.id ?? null, {
        timeout: 2000,
        interval: 50,
      })
      .not.toBeNull();
    return { user, sessionId };
  }

  it('CHECKOUT_PAYMENT_METHODS=card turns SEPA off for the session', async () => {
    process.env.CHECKOUT_PAYMENT_METHODS = 'card';
    try {
      const user = await db.prisma.user.create({ data: { email: 'card-only@example.com' } });
      signedIn = { id: user.id, email: user.email, name: null, role: 'READER' };
      const res = await checkoutPOST(
        new Request('http://patronage.test/api/checkout', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ tierId, currency: 'eur', interval: 'MONTH' }),
        }),
      );
      const { url } = (await res.json()) as { url: string };
      const session = await h.stripe.checkout.sessions.retrieve(/\/checkout\/(cs_[A-Za-z0-9_]+)/.exec(url)![1]!);
      expect(session).toMatchObject({ payment_method_types: ['card'], allowed_payment_method_types: ['card'] });
    } finally {
      delete process.env.CHECKOUT_PAYMENT_METHODS;
    }
  });

  it('a debit that succeeds later: a patron from the start (processing), still a patron once paid', async () => {
    const { user } = await payBySepa('sepa-ok@example.com', 'DE89370400440532013000');
    const processing = await patronStatus(user.id);
    expect(processing).toMatchObject({ isPatron: true, state: 'active' });
    expect((await db.prisma.invoice.findFirst({ where: { userId: user.id } }))?.status ?? 'not mirrored yet').not.toBe('paid');
    await h.settle();
    expect(await db.prisma.invoice.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ status: 'paid', amountPaid: 500 });
    expect((await patronStatus(user.id)).isPatron).toBe(true);
    expect(await db.prisma.email.count({ where: { userId: user.id, kind: 'billing-payment-failed' } })).toBe(0);
  });

  it('a debit that fails later: the membership ends and the failed-payment email goes out', async () => {
    const { user } = await payBySepa('sepa-fail@example.com', 'DE62370400440532013001');
    expect((await patronStatus(user.id)).isPatron).toBe(true);
    await h.settle();
    const after = await patronStatus(user.id);
    expect(after.isPatron).toBe(false);
    expect(after.state).toBe('ended');
    const kinds = (await db.prisma.email.findMany({ where: { userId: user.id }, select: { kind: true } })).map((e) => e.kind);
    expect(kinds).toContain('billing-payment-failed');
    const failed = await db.prisma.email.findFirstOrThrow({ where: { userId: user.id, kind: 'billing-payment-failed' } });
    expect(failed.text).toMatch(/€5\.00 per month/);
  });
});
