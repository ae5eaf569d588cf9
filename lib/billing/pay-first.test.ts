/**
 * Pay first (issue 18) through the real routes, the Stripe stand-in's hosted Checkout and its signed
 * webhooks: the account comes from the completed session; the claim signs in a NEW account once, from
 * the browser that started the checkout only; an address that already had an account is never signed
 * in by it (a sign-in link is emailed instead); an address that is already a patron gets no second
 * membership; picks and attribution survive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { POST as checkoutPOST } from '@/app/api/checkout/route';
import { GET as statusGET } from '@/app/api/checkout/status/route';
import { POST as claimPOST } from '@/app/api/checkout/claim/route';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { drainJobs } from '@/lib/jobs/testing';
import { makeRound, makeTopics } from '@/lib/voting/testing';
import { startBillingHarness, type BillingHarness } from './testing';
import { createTier, syncTierToStripe } from './tiers';
import { patronStatus } from './patron-status';
import { claimGuestCheckout, CLAIM_COOKIE, endClaimedSessions, hashClaim, readClaimCookie } from './pay-first';
import { purgeExpired } from '@/lib/limits/purge';

let db: TestDb;
let h: BillingHarness;
let tierId: string;

beforeAll(async () => {
  process.env.LIMIT_CHECKOUT = '1000/1h';
  db = await createTestDb();
  h = await startBillingHarness({ webhook: webhookPOST });
  setSessionLookupForTesting(async () => null); // every request here comes from a reader who is not signed in
  tierId = (await createTier({ name: 'Friend', prices: [{ currency: 'usd', interval: 'MONTH', amount: 500 }] })).id;
  await syncTierToStripe(tierId);
});

afterAll(async () => {
  delete process.env.LIMIT_CHECKOUT;
  setSessionLookupForTesting(undefined);
  await h?.close();
  await db?.close();
});

const form = (path: string, body: Record<string, string>, cookie?: string) =>
  new Request(`http://patronage.test${path}`, {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  });

/** Starts a guest checkout as the support page's form does; returns the hosted URL, session id and the browser's cookie. */
async function startGuest(extra: Record<string, string> = {}) {
  const res = await checkoutPOST(
    form('/api/checkout', {
      mode: 'subscription',
      tierId,
      currency: 'usd',
      interval: 'MONTH',
      amount: '5.00',
      from: 'some-article',
      placement: 'end-of-article',
      ...extra,
    }),
  );
  expect(res.status).toBe(303);
  const url = res.headers.get('location')!;
  const setCookie = res.headers.get('set-cookie')!;
  const secret = readClaimCookie(setCookie.split(';')[0]!);
  expect(secret).toBeTruthy();
  const sessionId = /\/checkout\/(cs_[A-Za-z0-9_]+)/.exec(url)![1]!;
  return { url, sessionId, cookie: `${CLAIM_COOKIE}=${secret}`, secret: secret! };
}

/** Pays on the stand-in's hosted page, typing `email` there (Checkout collects it), then lets the webhooks land. */
async function payAs(url: string, email: string) {
  const res = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ cardnumber: '4242424242424242', exp: '12/40', cvc: '123', name: 'Paying Reader', email }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  await h.settle();
}

const status = async (sessionId: string, cookie?: string) =>
  statusGET(new Request(`http://patronage.test/api/checkout/status?session_id=${sessionId}`, { headers: cookie ? { cookie } : {} }));
const claim = (sessionId: string, cookie?: string) => claimPOST(form('/api/checkout/claim', { session_id: sessionId }, cookie));

describe('pay first: a brand-new address', () => {
  it('creates the account from the completed checkout, keeps attribution and picks, and signs in once from the paying browser only', async () => {
    const round = await makeRound(db.prisma);
    const [topic] = await makeTopics(db.prisma, round.id, 1);
    const g = await startGuest({ round: round.slug, picks: `${topic!.id},not a topic id` });
    // Before paying: no account, nothing to claim.
    expect((await (await status(g.sessionId, g.cookie)).json()) as { state: string }).toMatchObject({ state: 'pending', canClaim: false });
    expect((await claim(g.sessionId, g.cookie)).status).toBe(409);

    await payAs(g.url, 'New.Reader@Example.com');
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'new.reader@example.com' } });
    expect((await patronStatus(user.id)).isPatron).toBe(true);
    const checkout = await db.prisma.checkout.findUniqueOrThrow({ where: { id: g.sessionId } });
    expect(checkout).toMatchObject({
      userId: user.id,
      status: 'COMPLETED',
      fromArticle: 'some-article',
      placement: 'end-of-article',
      fromRound: round.slug,
    });
    // The pick made before paying became a vote when the membership counted.
    expect(await db.prisma.vote.count({ where: { userId: user.id, topicId: topic!.id } })).toBe(1);
    // The first invoice is mirrored although its webhook came before the account existed.
    expect(await db.prisma.invoice.count({ where: { userId: user.id } })).toBe(1);

    // Another browser (no cookie, or a wrong one) learns nothing and cannot claim.
    expect((await status(g.sessionId)).status).toBe(404);
    expect((await status(g.sessionId, `${CLAIM_COOKIE}=${'x'.repeat(43)}`)).status).toBe(404);
    expect((await claim(g.sessionId)).status).toBe(404);
    expect((await claim(g.sessionId, `${CLAIM_COOKIE}=${'y'.repeat(43)}`)).status).toBe(404);
    expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(0);

    expect(await (await status(g.sessionId, g.cookie)).json()).toMatchObject({
      state: 'ready',
      outcome: 'NEW_ACCOUNT',
      canClaim: true,
      tierName: 'Friend',
    });
    const ok = await claim(g.sessionId, g.cookie);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`http://patronage.test/support/success?session_id=${g.sessionId}`);
    const cookies = ok.headers.getSetCookie();
    const token = /^next-auth\.session-token=([^;]+); Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/.exec(
      cookies.find((c) => c.startsWith('next-auth.session-token='))!,
    )![1]!;
    expect(cookies.some((c) => c.startsWith(`${CLAIM_COOKIE}=;`) && c.includes('Max-Age=0'))).toBe(true);
    const session = await db.prisma.session.findUniqueOrThrow({ where: { sessionToken: token } });
    expect(session.userId).toBe(user.id);
    // Single use: the same cookie again is refused, and no second session appears.
    expect((await claim(g.sessionId, g.cookie)).status).toBe(409);
    expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(1);
    // Only the hash of the claim is stored.
    const row = await db.prisma.guestCheckout.findUniqueOrThrow({ where: { id: g.sessionId } });
    expect(row.claimHash).toBe(hashClaim(g.secret));
    expect(JSON.stringify(row)).not.toContain(g.secret);

    // When the address is later proven by an emailed link, the session the claim opened ends.
    expect(await endClaimedSessions(user.id)).toBe(1);
    expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('an unclaimed new account cannot be claimed after the claim expires', async () => {
    const g = await startGuest();
    await payAs(g.url, 'late@example.com');
    await db.prisma.guestCheckout.update({ where: { id: g.sessionId }, data: { claimExpiresAt: new Date(Date.now() - 1000) } });
    expect(await (await status(g.sessionId, g.cookie)).json()).toMatchObject({ state: 'ready', outcome: 'NEW_ACCOUNT', canClaim: false });
    expect((await claim(g.sessionId, g.cookie)).status).toBe(410);
  });
});

describe('pay first: an address that already has an account', () => {
  it('is NEVER signed in by the success page: the membership attaches to that account and a sign-in link is emailed', async () => {
    const existing = await db.prisma.user.create({ data: { email: 'has-account@example.com', role: 'EDITOR' } });
    const g = await startGuest();
    await payAs(g.url, 'Has-Account@example.com');
    expect(await db.prisma.user.count({ where: { email: 'has-account@example.com' } })).toBe(1);
    expect((await patronStatus(existing.id)).isPatron).toBe(true);
    expect(await db.prisma.checkout.findUniqueOrThrow({ where: { id: g.sessionId } })).toMatchObject({ userId: existing.id });

    expect(await (await status(g.sessionId, g.cookie)).json()).toMatchObject({
      state: 'ready',
      outcome: 'EXISTING_ACCOUNT',
      canClaim: false,
    });
    // The very browser that paid, with the right cookie, is refused; so is a direct call of the domain function.
    const refused = await claim(g.sessionId, g.cookie);
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie().some((c) => c.includes('session-token'))).toBe(false);
    expect(await claimGuestCheckout(g.sessionId, g.secret)).toEqual({ ok: false, reason: 'existing-account' });
    // Even if the row were tampered to look claimable later, the outcome decides: still refused.
    await db.prisma.guestCheckout.update({ where: { id: g.sessionId }, data: { claimExpiresAt: new Date(Date.now() + 3600_000) } });
    expect(await claimGuestCheckout(g.sessionId, g.secret)).toEqual({ ok: false, reason: 'existing-account' });
    expect(await db.prisma.session.count({ where: { userId: existing.id } })).toBe(0);

    // A sign-in link, through the job queue, once (a webhook redelivery sends nothing more).
    const mails = await db.prisma.email.findMany({ where: { to: 'has-account@example.com', kind: 'magic-link' } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.dedupeKey).toBe(`pay-first-signin:${g.sessionId}`);
    expect(await db.prisma.verificationToken.count({ where: { identifier: 'has-account@example.com' } })).toBe(1);
    await drainJobs();
    expect((await db.prisma.email.findUniqueOrThrow({ where: { id: mails[0]!.id } })).status).toBe('sent');
  });

  it('an address on ADMIN_EMAILS without an account yet is treated the same way (never handed to a payer)', async () => {
    process.env.ADMIN_EMAILS = 'chief@example.com';
    try {
      const g = await startGuest();
      await payAs(g.url, 'chief@example.com');
      expect(await (await status(g.sessionId, g.cookie)).json()).toMatchObject({ outcome: 'EXISTING_ACCOUNT', canClaim: false });
      expect((await claim(g.sessionId, g.cookie)).status).toBe(403);
    } finally {
      delete process.env.ADMIN_EMAILS;
    }
  });

  it('an address that is already a patron gets no second membership: cancelled and refunded at Stripe', async () => {
    const first = await startGuest();
    await payAs(first.url, 'twice@example.com');
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'twice@example.com' } });
    const second = await startGuest();
    await payAs(second.url, 'twice@example.com');
    expect(await (await status(second.sessionId, second.cookie)).json()).toMatchObject({
      state: 'ready',
      outcome: 'ALREADY_PATRON',
      canClaim: false,
    });
    const session = await h.stripe.checkout.sessions.retrieve(second.sessionId);
    const sub = await h.stripe.subscriptions.retrieve(session.subscription as string);
    expect(sub.status).toBe('canceled');
    const charges = await h.stripe.charges.list({ customer: session.customer as string });
    expect(charges.data.length).toBeGreaterThan(0);
    expect(charges.data.every((c) => c.refunded)).toBe(true);
    expect((await patronStatus(user.id)).isPatron).toBe(true);
    expect(await db.prisma.email.count({ where: { to: 'twice@example.com', kind: 'pay-first-already-patron' } })).toBe(1);
  });
});

describe('pay first: housekeeping', () => {
  it('guest checkouts nobody paid for are purged after a week; resolved ones stay', async () => {
    const old = new Date(Date.now() - 8 * 86_400_000);
    await db.prisma.guestCheckout.createMany({
      data: [
        { id: 'cs_test_abandoned', claimHash: 'x', createdAt: old },
        { id: 'cs_test_recent', claimHash: 'x' },
        { id: 'cs_test_resolved', claimHash: 'x', createdAt: old, outcome: 'EXISTING_ACCOUNT', userId: 'someone' },
      ],
    });
    await purgeExpired();
    const left = (
      await db.prisma.guestCheckout.findMany({
        where: { id: { in: ['cs_test_abandoned', 'cs_test_recent', 'cs_test_resolved'] } },
        select: { id: true },
      })
    )
      .map((r) => r.id)
      .sort();
    expect(left).toEqual(['cs_test_recent', 'cs_test_resolved']);
  });
});
