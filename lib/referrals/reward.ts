/**
 * The referral reward (issue #18): when staff turn on "Reward referrers with a free month"
 * (/desk/referrals), each recorded referral queues a `referral.reward` job (never run inside the
 * webhook). The job gives a referrer whose subscription is active one month of their price as a credit
 * on their Stripe customer balance (`customers.createBalanceTransaction`, negative amount), which Stripe
 * applies to their next invoice; a yearly price gives a twelfth of it (rounded). Then it sends the
 * thank-you email, which mentions the free month when one was given.
 *
 * Once per referral: the Referral row (keyed by the checkout) records rewardedAt / rewardAmount /
 * rewardCurrency / the Stripe transaction; the Stripe call carries the idempotency key
 * `referral-reward:<checkout>`, so a retry after a crash between the credit and the row's update gets
 * Stripe's first answer back instead of a second credit; the email has its own dedupe key.
 */
import { toLocale } from '@/lib/i18n/locales';
import Stripe from 'stripe';
import { getDb } from '@/lib/db/client';
import { getStripe } from '@/lib/billing/stripe';
import { patronStatus } from '@/lib/billing/patron-status';
import { sendEmail } from '@/lib/mail/send';
import { referralCodeFor, referralLink, referralThanksEmail } from './referrals';

/** One month's worth of a price: the amount itself, or a twelfth of a yearly amount (rounded). */
export function oneMonthOf(amount: number, interval: 'MONTH' | 'YEAR'): number {
  return interval === 'YEAR' ? Math.round(amount / 12) : amount;
}

export type RewardOutcome = 'rewarded' | 'already-rewarded' | 'not-eligible' | 'no-referral';

/** The job: credit the referrer (if eligible and not done yet), then thank them (once). */
export async function runReferralReward(checkoutId: string): Promise<RewardOutcome> {
  const db = await getDb();
  const row = await db.referral.findUnique({ where: { checkoutId } });
  if (!row) return 'no-referral';
  let outcome: RewardOutcome = row.rewardedAt ? 'already-rewarded' : 'not-eligible';
  let reward =
    row.rewardedAt && row.rewardAmount !== null && row.rewardCurrency ? { amount: row.rewardAmount, currency: row.rewardCurrency } : null;

  if (!row.rewardedAt) {
    const credit = await creditFor(row.referrerId);
    const txn = credit ? await createCredit(credit, checkoutId) : null;
    if (credit && txn) {
      await db.referral.updateMany({
        where: { checkoutId, rewardedAt: null },
        data: { rewardedAt: new Date(), rewardAmount: credit.amount, rewardCurrency: credit.currency, rewardTransactionId: txn.id },
      });
      const after = await db.referral.findUniqueOrThrow({ where: { checkoutId } });
      reward = after.rewardAmount !== null && after.rewardCurrency ? { amount: after.rewardAmount, currency: after.rewardCurrency } : null;
      outcome = 'rewarded';
    }
  }

  if (!row.thankedAt) {
    const referrer = await db.user.findUnique({ where: { id: row.referrerId }, select: { email: true, name: true, locale: true } });
    if (referrer) {
      const link = referralLink(await referralCodeFor(row.referrerId));
      const mail = referralThanksEmail({ name: referrer.name, link, reward, locale: toLocale(referrer.locale) });
      await sendEmail({
        to: referrer.email,
        ...mail,
        kind: 'referral-thanks',
        userId: row.referrerId,
        dedupeKey: `referral-thanks:${checkoutId}`,
      });
    }
    await db.referral.update({ where: { checkoutId }, data: { thankedAt: new Date() } });
  }
  return outcome;
}

/**
 * The credit at Stripe. A request Stripe refuses for good (the customer was deleted meanwhile, say) means
 * no reward, and the referrer is still thanked; anything else (Stripe unreachable) fails the job, which
 * pg-boss retries with the same idempotency key.
 */
async function createCredit(
  credit: { customerId: string; amount: number; currency: string },
  checkoutId: string,
): Promise<Stripe.CustomerBalanceTransaction | null> {
  try {
    return await getStripe().customers.createBalanceTransaction(
      credit.customerId,
      {
        amount: -credit.amount,
        currency: credit.currency,
        description: 'Referral reward: one free month',
        metadata: { referral_checkout: checkoutId },
      },
      { idempotencyKey: `referral-reward:${checkoutId}` },
    );
  } catch (e) {
    if (e instanceof Stripe.errors.StripeInvalidRequestError) {
      console.warn(`[referrals] no reward for ${checkoutId}: Stripe refused the credit (${e.message})`);
      return null;
    }
    throw e;
  }
}

/**
 * What the referrer gets: one month of their paying subscription, if `patronStatus` (the one rule of
 * who is a patron) says that subscription is active (or trialing) and it is on a Stripe customer.
 * Gift memberships, paused, past-due, canceling and ended memberships get none.
 */
async function creditFor(userId: string): Promise<{ customerId: string; amount: number; currency: string } | null> {
  const status = await patronStatus(userId);
  if (!status.isPatron || (status.state !== 'active' && status.state !== 'trialing') || !status.subscription) return null;
  const db = await getDb();
  const sub = await db.subscription.findUnique({
    where: { id: status.subscription.id },
    select: { customerId: true, amount: true, currency: true, interval: true },
  });
  if (!sub) return null;
  const amount = oneMonthOf(sub.amount, sub.interval);
  return amount > 0 ? { customerId: sub.customerId, amount, currency: sub.currency } : null;
}

/** /account: what the patron's referrals have earned them (free months credited, by currency). */
export async function referralRewardsOf(userId: string): Promise<{ months: number; amount: number; currency: string }[]> {
  return rewardTotals({ referrerId: userId });
}

async function rewardTotals(where: { referrerId?: string; rewardedAt?: { gte: Date } }) {
  const db = await getDb();
  const groups = await db.referral.groupBy({
    by: ['rewardCurrency'],
    where: { rewardedAt: { not: null }, ...where },
    _count: { _all: true },
    _sum: { rewardAmount: true },
  });
  return groups
    .filter((g) => g.rewardCurrency)
    .map((g) => ({ months: g._count._all, amount: g._sum.rewardAmount ?? 0, currency: g.rewardCurrency! }));
}

/** /desk/referrals: free months given in the last `days` days, by currency. Staff only. */
export async function rewardsGivenInLastDays(days: number): Promise<{ months: number; amount: number; currency: string }[]> {
  return rewardTotals({ rewardedAt: { gte: new Date(Date.now() - days * 86_400_000) } });
}
