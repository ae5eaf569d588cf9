/**
 * Demo membership tiers for the demo newsroom (test mode): Reader, Supporter and a pay-what-you-want
 * Champion, priced in EUR and USD, monthly and yearly. Idempotent: tiers are created only when no tier
 * exists at all (staff's own tiers are never touched), and every active tier still missing its Stripe
 * product or prices is synced to Stripe (the local stand-in) on each start.
 */
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { getDb, setDbForTesting } from '@/lib/db/client';
import { createTier, syncTierToStripe, type TierInput } from './tiers';
import { setStripeForTesting, Stripe, stripeConfigFromEnv } from './stripe';

const both = (monthly: number, yearly: number) =>
  (['eur', 'usd'] as const).flatMap((currency) => [
    { currency, interval: 'MONTH' as const, amount: monthly },
    { currency, interval: 'YEAR' as const, amount: yearly },
  ]);

export const DEMO_TIERS: TierInput[] = [
  {
    name: 'Reader',
    slug: 'reader',
    description: 'Keep every story free for your neighbours.',
    perks: ['Vote on the topics we cover next', 'Our monthly newsletter from the editor'],
    position: 10,
    prices: both(500, 5000),
  },
  {
    name: 'Supporter',
    slug: 'supporter',
    description: 'Fund a records request or a day in court every month.',
    perks: ['Everything Readers get', 'Invitations to our newsroom open evenings'],
    position: 20,
    prices: both(1000, 10000),
  },
  {
    name: 'Champion',
    slug: 'champion',
    description: 'Pay what you want, from the minimum up. Champions fund investigations.',
    perks: ['Everything Supporters get', 'A yearly call with the editors'],
    payWhatYouWant: true,
    position: 30,
    prices: both(2000, 20000),
  },
];

/** Creates the demo tiers when there are none; syncs active tiers that are missing in Stripe. Uses getDb()/getStripe(). */
export async function seedDemoTiers(): Promise<{ created: number; synced: number; failed: string[] }> {
  const db = await getDb();
  let created = 0;
  if ((await db.tier.count()) === 0) {
    for (const t of DEMO_TIERS) {
      await createTier(t);
      created++;
    }
  }
  const pending = await db.tier.findMany({
    where: { active: true, OR: [{ stripeProductId: null }, { prices: { some: { active: true, stripePriceId: null } } }] },
    select: { id: true, name: true },
  });
  let synced = 0;
  const failed: string[] = [];
  for (const t of pending) {
    try {
      await syncTierToStripe(t.id);
      synced++;
    } catch (e) {
      failed.push(`${t.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { created, synced, failed };
}

/**
 * For scripts/start.ts, which holds its own database client and Stripe settings (in `env`, not
 * process.env): runs `seedDemoTiers` with those, then puts the defaults back. Only against Stripe
 * test keys (sk_test_…): never creates demo products in a live account.
 */
export async function seedDemoTiersWith(
  prisma: PrismaClient,
  env: Record<string, string | undefined>,
): Promise<Awaited<ReturnType<typeof seedDemoTiers>> | null> {
  if (!env.STRIPE_SECRET_KEY?.trim().startsWith('sk_test_')) return null;
  const { key, config } = stripeConfigFromEnv(env);
  setDbForTesting(prisma);
  setStripeForTesting(new Stripe(key, config));
  try {
    return await seedDemoTiers();
  } finally {
    setStripeForTesting(undefined);
    setDbForTesting(undefined);
  }
}
