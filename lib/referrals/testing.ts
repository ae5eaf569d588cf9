/** Test support for referrals: a reader who is not signed in pays through a patron's link (pay first). */
import { expect } from 'vitest';
import { payCheckout, type BillingHarness } from '@/lib/billing/testing';

/**
 * Starts a monthly $5 guest checkout for `tierId` carrying referral `ref` through `checkout` (the
 * checkout route's POST), pays it on the stand-in's hosted page as `email`, waits for its webhooks, and
 * returns the checkout session id.
 */
export async function referredGuestCheckout(
  h: BillingHarness,
  checkout: (req: Request) => Promise<Response>,
  { tierId, ref, email }: { tierId: string; ref: string; email: string },
): Promise<string> {
  const res = await checkout(
    new Request('http://patronage.test/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        mode: 'subscription',
        tierId,
        currency: 'usd',
        interval: 'MONTH',
        amount: '5.00',
        placement: 'referral',
        ref,
      }),
    }),
  );
  expect(res.status).toBe(303);
  const url = res.headers.get('location')!;
  expect((await payCheckout(url, undefined, { email, name: 'Referred' })).status).toBe(303);
  await h.settle();
  return /\/checkout\/(cs_[A-Za-z0-9_]+)/.exec(url)![1]!;
}
