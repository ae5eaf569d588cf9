/** Everything the member page shows about one member (admins only). */
import { getDb } from '@/lib/db/client';
import { patronStatus } from '@/lib/billing/patron-status';
import { listStaffNotes } from './notes';

export async function getMemberDetail(id: string) {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      emailVerified: true,
      importedAt: true,
      importedTierId: true,
      stripeCustomer: { select: { customerId: true } },
    },
  });
  if (!user) return null;
  const [status, subscriptions, history, invoices, payments, votes, emails, notes, tiers] = await Promise.all([
    patronStatus(user.id),
    db.subscription.findMany({ where: { userId: id }, orderBy: { startedAt: 'desc' }, include: { tier: { select: { name: true } } } }),
    db.subscriptionChange.findMany({ where: { userId: id }, orderBy: [{ at: 'desc' }, { createdAt: 'desc' }], take: 200 }),
    db.invoice.findMany({ where: { userId: id }, orderBy: { createdAt: 'desc' }, take: 100 }),
    db.payment.findMany({ where: { userId: id }, orderBy: { createdAt: 'desc' }, take: 100 }),
    db.vote.findMany({
      where: { userId: id },
      orderBy: { createdAt: 'desc' },
      take: 200,
      select: {
        id: true,
        createdAt: true,
        topic: { select: { title: true, status: true } },
        round: { select: { title: true, slug: true } },
      },
    }),
    db.email.findMany({
      where: { OR: [{ userId: id }, { to: user.email }] },
      orderBy: { createdAt: 'desc' },
      take: 100,
      select: { id: true, subject: true, kind: true, createdAt: true, transport: true },
    }),
    listStaffNotes(id),
    db.tier.findMany({ select: { id: true, name: true } }),
  ]);
  const tierName = new Map(tiers.map((t) => [t.id, t.name]));
  return {
    user: { ...user, importedTierName: user.importedTierId ? (tierName.get(user.importedTierId) ?? user.importedTierId) : null },
    status,
    subscriptions,
    history: history.map((h) => ({ ...h, tierName: h.tierId ? (tierName.get(h.tierId) ?? h.tierId) : null })),
    invoices,
    payments,
    votes,
    emails,
    notes,
  };
}

export type MemberDetail = NonNullable<Awaited<ReturnType<typeof getMemberDetail>>>;
