import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { POST as checkoutPOST } from '@/app/api/checkout/route';
import { GET as statusGET } from '@/app/api/checkout/status/route';
import { POST as portalPOST } from '@/app/api/billing/portal/route';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { startBillingHarness, payCheckout, webhookRequest, type BillingHarness } from './testing';
import { createTier, syncTierToStripe } from './tiers';
import { accountSummary, deleteMyAccount, exportMyData } from './account';

let db: TestDb;
let h: BillingHarness;
let tierId: string;
let pwywId: string;
let archivedId: string;
let signedIn: { id: string; email: string; name: string | null; role: 'READER' } | null = null;

const json = (body: unknown) =>
  new Request('http://patronage.test/api/checkout', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
const form = (body: Record<string, string>) =>
  new Request('http://patronage.test/api/checkout', {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });

beforeAll(async () => {
  // These tests start many checkouts as one user; the limit itself is tested at the end of the file.
  process.env.LIMIT_CHECKOUT = '1000/1h';
  db = await createTestDb();
  h = await startBillingHarness({ webhook: webhookPOST });
  setSessionLookupForTesting(async () => (signedIn ? { user: signedIn } : null));
  const prices = [
    { currency: 'usd', interval: 'MONTH', amount: 500 },
    { currency: 'usd', interval: 'YEAR', amount: 5000 },
    { currency: 'eur', interval: 'MONTH', amount: 500 },
  ];
  tierId = (await createTier({ name: 'Friend', prices })).id;
  pwywId = (await createTier({ name: 'Champion', payWhatYouWant: true, prices })).id;
  archivedId = (await createTier({ name: 'Old', active: false, prices })).id;
  for (const id of [tierId, pwywId, archivedId]) await syncTierToStripe(id);
  await db.prisma.user.createMany({
    data: [
      { id: 'u1', email: 'one@example.com' },
      { id: 'u2', email: 'two@example.com' },
    ],
  });
});

afterAll(async () => {
  delete process.env.LIMIT_CHECKOUT;
  setSessionLookupForTesting(undefined);
  await h?.close();
  await db?.close();
});

const as = (id: 'u1' | 'u2') => {
  signedIn = { id, email: `${id === 'u1' ? 'one' : 'two'}@example.com`, name: null, role: 'READER' };
};

describe('POST /api/checkout', () => {
  it('signed out: pay first (a guest checkout with a claim cookie, no Checkout row until the webhook); bad input is still a 400', async () => {
    signedIn = null;
    const r = await checkoutPOST(json({ tierId, currency: 'usd', interval: 'MONTH' }));
    expect(r.status).toBe(200);
    expect(((await r.json()) as { url: string }).url).toMatch(/\/checkout\/cs_/);
    expect(r.headers.get('set-cookie')).toMatch(/^patronage-checkout-claim=[A-Za-z0-9_-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    const f = await checkoutPOST(form({ tierId: 'nope', currency: 'usd', interval: 'MONTH' }));
    expect(f.status).toBe(400);
    expect(await f.text()).toMatch(/not available/i);
  });

  it.each([
    ['unknown tier', () => ({ tierId: 'nope', currency: 'usd', interval: 'MONTH' }), /not available/],
    ['archived tier', () => ({ tierId: archivedId, currency: 'usd', interval: 'MONTH' }), /not available/],
    ['currency not offered for the interval', () => ({ tierId, currency: 'eur', interval: 'YEAR' }), /not offered yearly in EUR/],
    ['unknown currency', () => ({ tierId, currency: 'jpy', interval: 'MONTH' }), /JPY/],
    ['bad interval', () => ({ tierId, currency: 'usd', interval: 'WEEK' }), /monthly or yearly/],
    ['tampered amount', () => ({ tierId, currency: 'usd', interval: 'MONTH', amount: 100 }), /price of Friend is \$5\.00/],
    ['custom amount on a fixed tier', () => ({ tierId, currency: 'usd', interval: 'MONTH', customAmount: '9' }), /fixed price/],
    [
      'custom amount below the minimum',
      () => ({ tierId: pwywId, currency: 'usd', interval: 'MONTH', customAmount: '4.99' }),
      /minimum for Champion is \$5\.00/,
    ],
    ['custom amount not a number', () => ({ tierId: pwywId, currency: 'usd', interval: 'MONTH', customAmount: 'ten' }), /amount like 5/],
    [
      'one-off below the floor',
      () => ({ mode: 'payment', currency: 'usd', customAmount: '0.50' }),
      /smallest one-off contribution is \$1\.00/,
    ],
    ['one-off without an amount', () => ({ mode: 'payment', currency: 'usd' }), /amount/],
    ['bad mode', () => ({ mode: 'setup', currency: 'usd' }), /membership or a one-off/],
  ])('400 on %s, nothing saved', async (_name, body, message) => {
    as('u1');
    const r = await checkoutPOST(json(body()));
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(message);
    expect(await db.prisma.checkout.count()).toBe(0);
    expect(await db.prisma.stripeCustomer.count()).toBe(0);
  });

  it('400 on a body that is not JSON', async () => {
    as('u1');
    const r = await checkoutPOST(
      new Request('http://patronage.test/api/checkout', { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } }),
    );
    expect(r.status).toBe(400);
  });

  it('form posts get a 303 to Stripe; the Checkout row keeps the attribution; one customer per user', async () => {
    as('u2');
    const r = await checkoutPOST(
      form({ tierId: pwywId, currency: 'usd', interval: 'YEAR', customAmount: '60', from: 'a-story', placement: 'footer' }),
    );
    expect(r.status).toBe(303);
    const location = r.headers.get('location')!;
    expect(location).toContain('/checkout/cs_');
    const row = await db.prisma.checkout.findFirstOrThrow({ where: { userId: 'u2' } });
    expect(row).toMatchObject({
      status: 'OPEN',
      tierId: pwywId,
      amount: 6000,
      interval: 'YEAR',
      currency: 'usd',
      fromArticle: 'a-story',
      placement: 'footer',
      mode: 'subscription',
    });
    const session = await h.stripe.checkout.sessions.retrieve(row.id, { expand: ['line_items'] });
    expect(session).toMatchObject({
      client_reference_id: 'u2',
      metadata: expect.objectContaining({ userId: 'u2', tierId: pwywId, from: 'a-story', placement: 'footer' }),
    });
    expect(session.success_url).toBe('http://patronage.test/support/success?session_id={CHECKOUT_SESSION_ID}');
    expect(session.line_items?.data[0]?.amount_total).toBe(6000);
    await checkoutPOST(json({ tierId, currency: 'usd', interval: 'MONTH' }));
    expect(await db.prisma.stripeCustomer.count({ where: { userId: 'u2' } })).toBe(1);
  });

  it('keeps the topic round that brought the reader (Checkout.fromRound, session metadata, way back); a malformed round is ignored', async () => {
    as('u2');
    const r = await checkoutPOST(
      json({ tierId, currency: 'usd', interval: 'MONTH', from: 'a-story', placement: 'round-cta', round: 'housing-2027' }),
    );
    expect(r.status).toBe(200);
    const withRound = ((await r.json()) as { url: string }).url.split('/').pop()!;
    expect(await db.prisma.checkout.findUniqueOrThrow({ where: { id: withRound } })).toMatchObject({
      fromArticle: 'a-story',
      placement: 'round-cta',
      fromRound: 'housing-2027',
    });
    const session = await h.stripe.checkout.sessions.retrieve(withRound);
    expect(session.metadata).toMatchObject({ round: 'housing-2027', from: 'a-story' });
    expect(new URL(session.cancel_url!).searchParams.get('round')).toBe('housing-2027');

    for (const round of ['<script>', 'Housing 2027', '-leading-hyphen', '']) {
      const bad = await checkoutPOST(form({ tierId, currency: 'usd', interval: 'MONTH', placement: 'topics', round }));
      expect(bad.status, round).toBe(303);
      const id = bad.headers.get('location')!.split('/').pop()!;
      expect((await db.prisma.checkout.findUniqueOrThrow({ where: { id } })).fromRound, round).toBeNull();
      const s = await h.stripe.checkout.sessions.retrieve(id);
      expect(s.metadata?.round, round).toBeUndefined();
      expect(new URL(s.cancel_url!).searchParams.has('round'), round).toBe(false);
    }
  });

  it('JSON checkout → pending until the webhook lands → active; other users get 404; a patron is sent to /account', async () => {
    as('u1');
    const r = await checkoutPOST(json({ tierId, currency: 'usd', interval: 'MONTH', amount: 500, from: 'x', placement: 'inline' }));
    expect(r.status).toBe(200);
    const { url } = (await r.json()) as { url: string };
    const sessionId = url.split('/').pop()!;
    const status = () => statusGET(new Request(`http://patronage.test/api/checkout/status?session_id=${sessionId}`));
    expect(await (await status()).json()).toMatchObject({ state: 'pending' });

    h.onDelivery = async () => 503; // the webhook hasn't landed yet: the redirect alone must not confirm
    expect((await payCheckout(url)).status).toBe(303);
    expect(await (await status()).json()).toMatchObject({ state: 'pending' });
    h.onDelivery = async (d) => (await webhookPOST(webhookRequest(d.body, d.signature))).status;
    await h.settle();
    expect(await (await status()).json()).toEqual({ state: 'active', tierName: 'Friend', mode: 'subscription' });

    as('u2');
    expect((await status()).status).toBe(404);
    signedIn = null;
    // Not signed in and no claim cookie for it: nothing to see.
    expect((await status()).status).toBe(404);
    as('u1');
    expect((await statusGET(new Request('http://patronage.test/api/checkout/status?session_id=<script>'))).status).toBe(400);

    const again = await checkoutPOST(json({ tierId, currency: 'usd', interval: 'MONTH' }));
    expect(await again.json()).toEqual({ redirect: '/account' });

    const summary = await accountSummary('u1');
    expect(summary).toMatchObject({
      status: { isPatron: true, state: 'active' },
      tierName: 'Friend',
      amount: 500,
      currency: 'usd',
      interval: 'MONTH',
      cancelAt: null,
    });
    expect(summary.nextChargeAt).toBeInstanceOf(Date);
    expect(summary.invoices).toHaveLength(1);

    const portal = await portalPOST(
      new Request('http://patronage.test/api/billing/portal', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      }),
    );
    expect(portal.status).toBe(303);
    expect(portal.headers.get('location')).toContain('/portal/');
  });

  it('one-off contributions are recorded with their charge', async () => {
    as('u1');
    const r = await checkoutPOST(json({ mode: 'payment', currency: 'eur', customAmount: 1234, placement: 'support-page' }));
    const { url } = (await r.json()) as { url: string };
    await payCheckout(url);
    await h.settle();
    const row = await db.prisma.checkout.findUniqueOrThrow({ where: { id: url.split('/').pop()! } });
    expect(row).toMatchObject({ status: 'COMPLETED', mode: 'payment', amount: 1234, currency: 'eur', placement: 'support-page' });
    expect(await db.prisma.payment.findFirst({ where: { checkoutSessionId: row.id } })).toMatchObject({
      amount: 1234,
      currency: 'eur',
      userId: 'u1',
    });
  });

  it('export and delete: subscriptions are cancelled in Stripe before the user is deleted', async () => {
    const data = await exportMyData('u1');
    expect(data).toMatchObject({ id: 'u1', email: 'one@example.com' });
    expect((data!.subscriptions as unknown[]).length).toBe(1);
    const sub = await db.prisma.subscription.findFirstOrThrow({ where: { userId: 'u1' } });
    // The customer's subscription list already says which are live: none is fetched again. (Webhooks
    // the cancellation triggers are held back meanwhile: their handlers re-fetch the subscription.)
    await h.settle();
    const forward = h.onDelivery!;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    h.onDelivery = async (d) => (await held, forward(d));
    const retrieve = vi.spyOn(h.stripe.subscriptions, 'retrieve');
    let canceledSubscriptions: string[];
    try {
      ({ canceledSubscriptions } = await deleteMyAccount('u1'));
      expect(retrieve).not.toHaveBeenCalled();
    } finally {
      retrieve.mockRestore();
      h.onDelivery = forward;
      release();
    }
    expect(canceledSubscriptions).toEqual([sub.id]);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
    expect(await db.prisma.user.findUnique({ where: { id: 'u1' } })).toBeNull();
    await h.settle(); // the cancellation webhook for a deleted user is acknowledged, not an error
    expect(await db.prisma.stripeEvent.count({ where: { processedAt: null } })).toBe(0);
  });
});

describe("checkout in the reader's language", () => {
  it('a Ukrainian form: errors in Ukrainian on a Ukrainian page, return URLs keep /uk, Checkout in English (never auto or ru)', async () => {
    as('u2');
    const bad = await checkoutPOST(form({ tierId: 'nope', currency: 'usd', interval: 'MONTH', locale: 'uk' }));
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('<html lang="uk">');
    expect(page).toContain('Цей рівень підтримки недоступний.');
    expect(page).toContain('href="/uk/support"');
    const zodError = await checkoutPOST(json({ tierId, currency: 'usd', interval: 'WEEK', locale: 'uk' }));
    expect(((await zodError.json()) as { error: string }).error).toBe('Виберіть щомісячну або щорічну оплату');

    const ok = await checkoutPOST(form({ tierId, currency: 'usd', interval: 'MONTH', amount: '5.00', locale: 'uk' }));
    expect(ok.status).toBe(303);
    const id = /\/checkout\/(cs_[A-Za-z0-9_]+)/.exec(ok.headers.get('location')!)![1]!;
    const session = await h.stripe.checkout.sessions.retrieve(id);
    expect(session.locale).toBe('en');
    expect(session.success_url).toMatch(/^http:\/\/[^/]+\/uk\/support\/success\?session_id=\{CHECKOUT_SESSION_ID\}$/);
    expect(new URL(session.cancel_url!).pathname).toBe('/uk/support');

    // English readers: unchanged sentences and unprefixed URLs, Checkout in English.
    const en = await checkoutPOST(form({ tierId, currency: 'usd', interval: 'MONTH', amount: '5.00' }));
    const enSession = await h.stripe.checkout.sessions.retrieve(/\/checkout\/(cs_[A-Za-z0-9_]+)/.exec(en.headers.get('location')!)![1]!);
    expect(enSession.locale).toBe('en');
    expect(new URL(enSession.cancel_url!).pathname).toBe('/support');
  });
});

describe('checkout limit', () => {
  it('429 with Retry-After past the per-user limit: no Checkout row, no Stripe session', async () => {
    process.env.LIMIT_CHECKOUT = '1/1h';
    try {
      await db.prisma.user.create({ data: { id: 'u3', email: 'three@example.com' } });
      signedIn = { id: 'u3', email: 'three@example.com', name: null, role: 'READER' };
      expect((await checkoutPOST(json({ tierId, currency: 'usd', interval: 'MONTH' }))).status).toBe(200);
      const rows = await db.prisma.checkout.count({ where: { userId: 'u3' } });
      const over = await checkoutPOST(json({ tierId, currency: 'usd', interval: 'MONTH' }));
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await over.json()).error).toMatch(/^You have started many checkouts in a short time\. Please wait (60 minutes|1 hours?)/);
      expect(await db.prisma.checkout.count({ where: { userId: 'u3' } })).toBe(rows);
      const page = await checkoutPOST(form({ tierId, currency: 'usd', interval: 'MONTH' }));
      expect(page.status).toBe(429);
      expect(await page.text()).toMatch(/role="alert">You have started many checkouts/);
    } finally {
      process.env.LIMIT_CHECKOUT = '1000/1h';
    }
  });
});
