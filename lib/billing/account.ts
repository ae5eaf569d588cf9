/** The reader's account: membership summary, billing portal, data export and account deletion. */
import { DEFAULT_LOCALE, localePath, type Locale } from '@/lib/i18n/locales';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { siteUrl } from '@/lib/config/site';
import Stripe from 'stripe';
import { getStripe } from './stripe';
import { patronStatus } from './patron-status';
import { syncSubscription } from './mirror/subscription';
import { mirrorClock } from './mirror/sql';
import { BILLING_EMAIL_KINDS, membershipEndedReference, withholdBillingEmail } from './emails';
import { exportSubscriptions, subscriptionsOf } from '@/lib/newsletters/subscriptions';

/** `now` defaults to the real time (test mode with test clocks: the customer's clock time, see patronStatus). */
export async function accountSummary(userId: string, now?: Date) {
  const db = await getDb();
  const status = await patronStatus(userId, now);
  const sub = status.subscription;
  const [invoices, customer] = await Promise.all([
    db.invoice.findMany({
      where: { userId },
      orderBy: { createdAt: 'desc' },
      take: 24,
      select: {
        id: true,
        status: true,
        currency: true,
        amountDue: true,
        amountPaid: true,
        amountRefunded: true,
        paidAt: true,
        createdAt: true,
        hostedInvoiceUrl: true,
      },
    }),
    db.stripeCustomer.findUnique({ where: { userId }, select: { userId: true } }),
  ]);
  const full = sub ?? null; // patronStatus loaded the whole row
  const renews = Boolean(
    full && (status.state === 'active' || status.state === 'trialing' || status.state === 'past_due_grace') && !full.cancelAtPeriodEnd,
  );
  return {
    status: {
      isPatron: status.isPatron,
      state: status.state,
      endsAt: status.endsAt ?? null,
      graceEndsAt: status.graceEndsAt ?? null,
      pausedUntil: status.pausedUntil ?? null,
    },
    tierName: status.tierName ?? null,
    /** The subscription's tier's other-language names, when tierName is that tier's (lib/i18n/content.ts). */
    tierTranslations: full?.tier && full.tier.name === status.tierName ? (full.tier.translations ?? null) : null,
    amount: full?.amount ?? null,
    currency: full?.currency ?? null,
    interval: full?.interval ?? null,
    nextChargeAt: renews ? full!.currentPeriodEnd : null,
    cancelAt: full?.cancelAtPeriodEnd ? full.currentPeriodEnd : null,
    hasCustomer: Boolean(customer),
    invoices,
  };
}

/** A Billing Portal session URL for the user's customer, or null when they have none. */
export async function openBillingPortal(userId: string, locale: Locale = DEFAULT_LOCALE): Promise<string | null> {
  const db = await getDb();
  const c = await db.stripeCustomer.findUnique({ where: { userId } });
  if (!c) return null;
  // Back to the account page in the reader's language.
  const session = await getStripe().billingPortal.sessions.create({
    customer: c.customerId,
    return_url: `${siteUrl()}${localePath(locale, '/account')}`,
  });
  return session.url;
}

/** Everything we hold about the user, as plain JSON (no auth secrets: session tokens are omitted). */
export async function exportMyData(userId: string) {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      emailVerified: true,
      image: true,
      role: true,
      createdAt: true,
      updatedAt: true,
      accounts: { select: { provider: true, type: true } },
      sessions: { select: { expires: true } },
      stripeCustomer: true,
      subscriptions: true,
      invoices: true,
      payments: true,
      checkouts: true,
    },
  });
  if (!user) return null;
  const emails = await db.email.findMany({
    where: { OR: [{ userId }, { to: user.email }] },
    select: { to: true, subject: true, kind: true, createdAt: true },
    orderBy: { createdAt: 'asc' },
  });
  const newsletters = await exportSubscriptions(user);
  return JSON.parse(JSON.stringify({ exportedAt: new Date(), ...user, emails, newsletters })) as Record<string, unknown>;
}

const LIVE = ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused'];

/** What an anonymised Email row keeps: when, which template, how it went out; nothing about the person. */
export const DELETED_RECIPIENT = '(deleted account)';

export type DeletedAccount = {
  canceledSubscriptions: string[];
  expiredCheckouts: string[];
  deletedCustomers: string[];
  anonymisedEmails: number;
};

/** Stripe refused the request itself (an unknown or finished object), as opposed to failing to answer. */
const isInvalidRequest = (e: unknown): e is Stripe.errors.StripeInvalidRequestError => e instanceof Stripe.errors.StripeInvalidRequestError;

/**
 * Deletes the user and closes every loose end, in this order so nothing can slip in between:
 * 1. expires their open Checkout Sessions (a session paid after deletion would start a subscription
 *    nobody owns); a session paid meanwhile has its subscription cancelled with the others;
 * 2. cancels every live subscription in Stripe, and writes each end into the mirror and its history
 *    (SubscriptionChange + daily rollups) at once, so patrons, MRR and retention fall now, not when the
 *    webhook arrives for a user who no longer exists;
 * 3. deletes their Stripe customers (Stripe drops the person's name, email and cards);
 * 4. in one transaction: anonymises their Email rows (recipient, subject, bodies), drops their pending
 *    sign-in tokens and the hosted-invoice links (they show the person's details), and deletes the user
 *    row (cascades to sessions, subscriptions, checkouts, votes, notes, the member summary).
 * Payments and invoices stay for the books, unlinked (amount, currency, status, dates, Stripe ids).
 * Throws if Stripe can't be reached: the database is untouched then, and a retry finishes the job.
 */
export async function deleteMyAccount(userId: string): Promise<DeletedAccount> {
  const db = await getDb();
  const stripe = getStripe();
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) return { canceledSubscriptions: [], expiredCheckouts: [], deletedCustomers: [], anonymisedEmails: 0 };
  const customer = await db.stripeCustomer.findUnique({ where: { userId } });
  const customers = new Set<string>(customer ? [customer.customerId] : []);

  // 1. Open checkout sessions: ours (recorded at startCheckout) and any Stripe knows for the customer.
  const openIds = new Set((await db.checkout.findMany({ where: { userId, status: 'OPEN' }, select: { id: true } })).map((c) => c.id));
  for (const c of customers)
    for await (const s of stripe.checkout.sessions.list({ customer: c, status: 'open', limit: 100 })) openIds.add(s.id);
  const expired: string[] = [];
  const paidMeanwhile = new Set<string>();
  for (const id of openIds) {
    try {
      await stripe.checkout.sessions.expire(id);
      expired.push(id);
    } catch (e) {
      if (!isInvalidRequest(e)) throw e;
      // Already expired or completed: a completed one's customer and subscription are handled below.
      const s = await stripe.checkout.sessions.retrieve(id);
      if (s.status === 'open') throw e;
      if (typeof s.customer === 'string') customers.add(s.customer);
      if (typeof s.subscription === 'string') paidMeanwhile.add(s.subscription);
    }
  }

  // 2. Subscriptions: Stripe's current status of each. The customers' lists already carry it, so only
  // a mirrored (or just paid) subscription missing from those lists is fetched on its own.
  const mirrored = (await db.subscription.findMany({ where: { userId, status: { in: LIVE } }, select: { id: true } })).map((s) => s.id);
  const statusInStripe = new Map<string, string>();
  for (const c of customers) {
    for await (const s of stripe.subscriptions.list({ customer: c, status: 'all', limit: 100 })) statusInStripe.set(s.id, s.status);
  }
  for (const id of [...mirrored, ...paidMeanwhile])
    if (!statusInStripe.has(id)) statusInStripe.set(id, (await stripe.subscriptions.retrieve(id)).status);
  const canceled: string[] = [];
  for (const [id, status] of statusInStripe) {
    if (!LIVE.includes(status)) continue;
    // Stripe reports the cancellation by webhook too: its "membership ended" email is claimed first,
    // so it is never sent to (nor recorded for) the person who is leaving.
    await withholdBillingEmail(BILLING_EMAIL_KINDS.membershipEnded, membershipEndedReference(id), DELETED_RECIPIENT);
    const stamp = await mirrorClock();
    const ended = await stripe.subscriptions.cancel(id);
    canceled.push(id);
    // The end reaches the mirror and the history now, while the user still exists (no email: they left).
    await syncSubscription(id, { emails: false, prefetched: { object: ended, stamp } });
  }

  // 3. The Stripe customers: deleting one removes the person's details and payment methods at Stripe.
  const deletedCustomers: string[] = [];
  for (const c of customers) {
    try {
      await stripe.customers.del(c);
    } catch (e) {
      if (!isInvalidRequest(e) || e.statusCode !== 404) throw e;
    }
    deletedCustomers.push(c);
  }

  // 4. The database, in one transaction.
  const mine = { OR: [{ userId }, { to: { equals: user.email, mode: 'insensitive' as const } }] };
  const [, anonymised] = await db.$transaction([
    // Not sent yet: never sent now (the delivery job finds the row no longer queued).
    db.email.updateMany({ where: { AND: [mine, { status: { in: ['queued', 'failed'] } }] }, data: { status: 'withheld' } }),
    db.email.updateMany({
      where: mine,
      data: { to: DELETED_RECIPIENT, subject: '(deleted)', text: '', html: '', userId: null, unredacted: Prisma.DbNull },
    }),
    db.verificationToken.deleteMany({ where: { identifier: { equals: user.email, mode: 'insensitive' } } }),
    // Newsletter subscriptions (and, with them, the issue deliveries that name the address).
    db.newsletterDelivery.deleteMany({ where: { OR: [{ userId }, { email: user.email.toLowerCase() }] } }),
    db.newsletterSubscription.deleteMany({ where: subscriptionsOf({ id: userId, email: user.email }) }),
    db.invoice.updateMany({ where: { userId }, data: { hostedInvoiceUrl: null } }),
    // Pay first and referrals (issue 18) keep plain user ids (no foreign keys): gone with the account.
    db.guestCheckout.deleteMany({ where: { userId } }),
    db.referralCode.deleteMany({ where: { userId } }),
    db.referral.deleteMany({ where: { OR: [{ referrerId: userId }, { referredUserId: userId }] } }),
    db.user.delete({ where: { id: userId } }),
  ]);
  return { canceledSubscriptions: canceled, expiredCheckouts: expired, deletedCustomers, anonymisedEmails: anonymised.count };
}
