/** The reader's account: membership summary, billing portal, data export and account deletion. */
import { getDb } from '@/lib/db/client';
import { siteUrl } from '@/lib/config/site';
import { getStripe } from './stripe';
import { patronStatus } from './patron-status';

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
      select: { id: true, status: true, currency: true, amountDue: true, amountPaid: true, amountRefunded: true, paidAt: true, createdAt: true, hostedInvoiceUrl: true },
    }),
    db.stripeCustomer.findUnique({ where: { userId }, select: { userId: true } }),
  ]);
  const full = sub ?? null; // patronStatus loaded the whole row
  const renews = Boolean(full && (status.state === 'active' || status.state === 'trialing' || status.state === 'past_due_grace') && !full.cancelAtPeriodEnd);
  return {
    status: { isPatron: status.isPatron, state: status.state, endsAt: status.endsAt ?? null, graceEndsAt: status.graceEndsAt ?? null },
    tierName: status.tierName ?? null,
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
export async function openBillingPortal(userId: string): Promise<string | null> {
  const db = await getDb();
  const c = await db.stripeCustomer.findUnique({ where: { userId } });
  if (!c) return null;
  const session = await getStripe().billingPortal.sessions.create({ customer: c.customerId, return_url: `${siteUrl()}/account` });
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
  const emails = await db.email.findMany({ where: { OR: [{ userId }, { to: user.email }] }, select: { to: true, subject: true, kind: true, createdAt: true }, orderBy: { createdAt: 'asc' } });
  return JSON.parse(JSON.stringify({ exportedAt: new Date(), ...user, emails })) as Record<string, unknown>;
}

const LIVE = ['active', 'trialing', 'past_due', 'unpaid', 'incomplete', 'paused'];

/**
 * Deletes the user: first cancels every live subscription in Stripe (so nobody is charged after
 * deleting their account), then deletes the user row (cascades to sessions, subscriptions, checkouts;
 * invoices and payments are kept for the books, unlinked). Throws if Stripe can't be reached: nothing is deleted then.
 */
export async function deleteMyAccount(userId: string): Promise<{ canceledSubscriptions: string[] }> {
  const db = await getDb();
  const stripe = getStripe();
  const canceled: string[] = [];
  const customer = await db.stripeCustomer.findUnique({ where: { userId } });
  const mirrored = (await db.subscription.findMany({ where: { userId, status: { in: LIVE } }, select: { id: true } })).map((s) => s.id);
  // Stripe's current status of each subscription: the customer's list already carries it, so only a
  // mirrored subscription missing from that list is fetched on its own.
  const statusInStripe = new Map<string, string>();
  if (customer) {
    for await (const s of stripe.subscriptions.list({ customer: customer.customerId, status: 'all', limit: 100 })) statusInStripe.set(s.id, s.status);
  }
  for (const id of mirrored) if (!statusInStripe.has(id)) statusInStripe.set(id, (await stripe.subscriptions.retrieve(id)).status);
  for (const [id, status] of statusInStripe) {
    if (LIVE.includes(status)) {
      await stripe.subscriptions.cancel(id);
      canceled.push(id);
    }
  }
  await db.user.delete({ where: { id: userId } });
  return { canceledSubscriptions: canceled };
}
