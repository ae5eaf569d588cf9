/**
 * The demo newsroom's spending (prisma/demo/spending.json) for its last two completed quarters, so
 * /transparency shows a breakdown on a fresh start. Rows have ids starting "demo_spending_": seeding
 * is idempotent and `removeDemoSpending` deletes them and only them (an entry staff save for the same
 * quarter and category replaces the demo row with a row of their own: see saveSpendingEntry).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { reportingCurrency } from '@/lib/analytics/config';
import { recentQuarters, SPENDING_CATEGORIES } from './spending';

export const DEMO_SPENDING_FILE = path.resolve(process.cwd(), 'prisma', 'demo', 'spending.json');
export const DEMO_SPENDING_PREFIX = 'demo_spending_';

type DemoSpendingFile = { quarters: { quartersAgo: number; amounts: Record<string, number> }[] };

export async function seedDemoSpending(prisma: PrismaClient, now = new Date(), file = DEMO_SPENDING_FILE): Promise<number> {
  const data = JSON.parse(await fs.readFile(file, 'utf8')) as DemoSpendingFile;
  const quarters = recentQuarters(now, 12);
  const currency = reportingCurrency();
  const rows = data.quarters.flatMap(({ quartersAgo, amounts }) =>
    Object.entries(amounts).map(([category, amount]) => {
      if (!(category in SPENDING_CATEGORIES)) throw new Error(`spending.json: unknown category "${category}"`);
      const quarter = quarters[quartersAgo]!;
      return { id: `${DEMO_SPENDING_PREFIX}${quarter}_${category}`, quarter, category, currency, amountCents: Math.round(amount * 100) };
    }),
  );
  // Skips rows that exist (same id, or an entry staff made for that quarter and category).
  const r = await prisma.spendingEntry.createMany({ data: rows, skipDuplicates: true });
  return r.count;
}

export async function removeDemoSpending(prisma: PrismaClient): Promise<number> {
  return (await prisma.spendingEntry.deleteMany({ where: { id: { startsWith: DEMO_SPENDING_PREFIX } } })).count;
}
