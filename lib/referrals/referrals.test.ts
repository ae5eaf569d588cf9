/**
 * Referrals end to end through the real routes and the Stripe stand-in: a patron's link → /support with
 * the code → Checkout (pay first here) → webhook: the referral is recorded under the referrer, the
 * checkout's placement is "referral" (the dashboard's source), the referrer is thanked by email once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { POST as checkoutPOST } from '@/app/api/checkout/route';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { GET as referralGET } from '@/app/r/[code]/route';
import { startBillingHarness, type BillingHarness } from '@/lib/billing/testing';
import { createTier, syncTierToStripe } from '@/lib/billing/tiers';
import { makePatron } from '@/lib/voting/testing';
import { getDashboard, parseDashboardParams } from '@/lib/analytics/dashboard';
import { getPayFirstFunnel } from '@/lib/analytics/pay-first-funnel';
import { parseReferralCode, referralCodeFor, referrersBetween } from './referrals';
import { referredGuestCheckout } from './testing';

let db: TestDb;
let h: BillingHarness;
let tierId: string;
let signedIn: { id: string; email: string } | null = null;

beforeAll(async () => {
  process.env.LIMIT_CHECKOUT = '1000/1h';
  db = await createTestDb();
  h = await startBillingHarness({ webhook: webhookPOST });
  setSessionLookupForTesting(async () => (signedIn ? { user: { ...signedIn, name: null, role: 'READER' } } : null));
  tierId = (await createTier({ name: 'Friend', prices: [{ currency: 'usd', interval: 'MONTH', amount: 500 }] })).id;
  await syncTierToStripe(tierId);
});

afterAll(async () => {
  delete process.env.LIMIT_CHECKOUT;
  setSessionLookupForTesting(undefined);
  await h?.close();
  await db?.close();
});

const checkoutWithRef = (ref: string, email: string) => referredGuestCheckout(h, checkoutPOST, { tierId, ref, email });

describe('referrals', () => {
  it('codes: one per patron, well-formed; /r/<code> leads to /support with it, unknown codes to /support', async () => {
    const patron = await makePatron(db.prisma);
    const code = await referralCodeFor(patron.id);
    expect(code).toMatch(/^[a-z0-9]{8}$/);
    expect(await referralCodeFor(patron.id)).toBe(code);
    expect(parseReferralCode(code.toUpperCase())).toBe(code);
    expect(parseReferralCode('../etc')).toBeNull();
    const go = await referralGET(new Request(`http://patronage.test/r/${code}`), { params: Promise.resolve({ code }) });
    expect(go.status).toBe(307);
    expect(go.headers.get('location')).toBe(`http://patronage.test/support?placement=referral&ref=${code}`);
    const unknown = await referralGET(new Request('http://patronage.test/r/zzzzzzzz'), { params: Promise.resolve({ code: 'zzzzzzzz' }) });
    expect(unknown.headers.get('location')).toBe('http://patronage.test/support');
  });

  it('a referred membership is attributed to the referrer (dashboard: placement "referral" and the referrers table) and the referrer is thanked once', async () => {
    const referrer = await makePatron(db.prisma);
    const code = await referralCodeFor(referrer.id);
    const from = new Date(Date.now() - 86_400_000);
    signedIn = null;
    const sessionId = await checkoutWithRef(code, 'friend-of-patron@example.com');
    const newcomer = await db.prisma.user.findUniqueOrThrow({ where: { email: 'friend-of-patron@example.com' } });
    expect(await db.prisma.referral.findUniqueOrThrow({ where: { checkoutId: sessionId } })).toMatchObject({
      referrerId: referrer.id,
      referredUserId: newcomer.id,
    });
    expect(await db.prisma.checkout.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      placement: 'referral',
      userId: newcomer.id,
    });

    const thanks = await db.prisma.email.findMany({ where: { userId: referrer.id, kind: 'referral-thanks' } });
    expect(thanks).toHaveLength(1);
    expect(thanks[0]!.to).toBe(referrer.email);
    expect(thanks[0]!.subject).toMatch(/joined .* through your link/);
    // The new patron's address is never in the thank-you.
    expect(JSON.stringify(thanks[0])).not.toContain('friend-of-patron');

    const to = new Date(Date.now() + 86_400_000);
    expect(await referrersBetween(from, to)).toEqual([
      { referrerId: referrer.id, email: referrer.email, name: referrer.name, referrals: 1 },
    ]);
    const dashboard = await getDashboard(
      parseDashboardParams({ from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) }),
    );
    expect(dashboard.attribution.byPlacement.find((r) => r.key === 'referral')).toMatchObject({ conversions: 1 });
    // The funnel counts the pay-first checkout as started (its Checkout row only exists once paid).
    expect(dashboard.funnel.checkoutsStarted).toBeGreaterThanOrEqual(1);
    expect(await getPayFirstFunnel(from, to)).toMatchObject({ started: 1, paid: 1, newAccounts: 1, signedInOnSuccess: 0 });
  });

  it('referring yourself counts for nothing', async () => {
    const patron = await makePatron(db.prisma);
    const code = await referralCodeFor(patron.id);
    // The referrer pays again with their own address: an already-patron checkout, refunded, no referral.
    signedIn = null;
    const sessionId = await checkoutWithRef(code, patron.email);
    expect(await db.prisma.referral.count({ where: { checkoutId: sessionId } })).toBe(0);
    expect(await db.prisma.email.count({ where: { userId: patron.id, kind: 'referral-thanks' } })).toBe(0);
  });
});
