/**
 * The dashboard's steps of the pay-first path (issue 18), for checkouts started in [from, to): started
 * without signing in → paid (the webhook found or created the account) → signed in on the success page
 * (new accounts) / emailed a sign-in link (existing accounts) / already a patron (cancelled, refunded).
 * Read from GuestCheckout, one row per such checkout.
 */
import { getDb } from '@/lib/db/client';

export type PayFirstFunnel = {
  started: number;
  paid: number;
  newAccounts: number;
  signedInOnSuccess: number;
  existingAccounts: number;
  alreadyPatrons: number;
};

export async function getPayFirstFunnel(from: Date, to: Date): Promise<PayFirstFunnel> {
  const db = await getDb();
  const where = { createdAt: { gte: from, lt: to } };
  const [started, byOutcome, signedInOnSuccess] = await Promise.all([
    db.guestCheckout.count({ where }),
    db.guestCheckout.groupBy({ by: ['outcome'], where: { ...where, outcome: { not: null } }, _count: { _all: true } }),
    db.guestCheckout.count({ where: { ...where, claimedAt: { not: null } } }),
  ]);
  const n = (o: string) => byOutcome.find((r) => r.outcome === o)?._count._all ?? 0;
  const newAccounts = n('NEW_ACCOUNT');
  const existingAccounts = n('EXISTING_ACCOUNT');
  const alreadyPatrons = n('ALREADY_PATRON');
  return {
    started,
    paid: newAccounts + existingAccounts + alreadyPatrons,
    newAccounts,
    signedInOnSuccess,
    existingAccounts,
    alreadyPatrons,
  };
}
