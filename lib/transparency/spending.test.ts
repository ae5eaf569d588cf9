/** Spending entries: who may enter them, what a valid entry is, one row per quarter and category. */
import { describe, expect, it } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { errorMessageIn, fieldErrorsIn } from '@/lib/errors/domain-error';
import { deleteSpendingEntry, listSpending, recentQuarters, saveSpendingEntry, SpendingError } from './spending';

const db = setupTestDb();
const editor = { id: 'ed', role: 'EDITOR' as const };

async function refused(p: Promise<unknown>): Promise<SpendingError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SpendingError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('spending entries', () => {
  it('validates the quarter, category and amount with a message per field', async () => {
    const e = await refused(saveSpendingEntry(editor, { quarter: '2026-Q5', category: 'bribes', amount: '-3' }));
    expect(e.status).toBe(400);
    expect(Object.keys(e.fieldErrors).sort()).toEqual(['amount', 'category', 'quarter']);
    expect(
      (await refused(saveSpendingEntry(editor, { quarter: '2026-Q1', category: 'reporting', amount: '12.345' }))).fieldErrors.amount,
    ).toMatch(/two decimals/);
    expect(
      (await refused(saveSpendingEntry(editor, { quarter: '2026-Q1', category: 'reporting', amount: '10', currency: 'euro' }))).fieldErrors
        .currency,
    ).toMatch(/three-letter/);
    expect((await refused(saveSpendingEntry(editor, {}))).status).toBe(400);
    // The same refusal in the staff member's language (the desk shows fieldErrorsIn / errorMessageIn).
    const uk = fieldErrorsIn(e, 'uk');
    expect(uk.quarter).toBe('Виберіть квартал, наприклад 2026-Q3');
    expect(uk.category).toBe('Виберіть категорію зі списку');
    expect(errorMessageIn(e, 'uk')).toBe('Виправте позначені поля.');
    expect(e.fieldErrors.quarter).toBe('Choose a quarter, like 2026-Q3');
    expect(await db.prisma.spendingEntry.count()).toBe(0);
  });

  it('is for editors and admins only', async () => {
    const input = { quarter: '2026-Q1', category: 'reporting', amount: '100' };
    expect((await refused(saveSpendingEntry(null, input))).status).toBe(401);
    expect((await refused(saveSpendingEntry({ id: 'r', role: 'READER' }, input))).status).toBe(403);
    expect((await refused(deleteSpendingEntry({ id: 'r', role: 'READER' }, 'x'))).status).toBe(403);
    await saveSpendingEntry({ id: 'a', role: 'ADMIN' }, input);
    expect(await db.prisma.spendingEntry.count()).toBe(1);
    await db.prisma.spendingEntry.deleteMany();
  });

  it('stores minor units, replaces an entry for the same quarter and category, and lists labels newest quarter first', async () => {
    await saveSpendingEntry(editor, { quarter: '2026-q2', category: 'reporting', amount: '12,500.50', currency: 'USD' });
    await saveSpendingEntry(editor, { quarter: '2026-Q2', category: 'reporting', amount: '13000', currency: 'usd' });
    await saveSpendingEntry(editor, { quarter: '2026-Q1', category: 'technology', amount: '800.5', currency: 'usd' });
    const rows = await listSpending();
    expect(rows.map((r) => [r.quarter, r.category, r.amountCents, r.currency])).toEqual([
      ['2026-Q2', 'reporting', 1_300_000, 'usd'],
      ['2026-Q1', 'technology', 80_050, 'usd'],
    ]);
    expect(rows[0]!.label).toMatch(/Reporting/);
    await deleteSpendingEntry(editor, rows[1]!.id);
    expect((await refused(deleteSpendingEntry(editor, rows[1]!.id))).status).toBe(404);
    expect(await listSpending()).toHaveLength(1);
  });

  it('offers the current quarter and the ones before it', () => {
    expect(recentQuarters(new Date('2026-12-06T10:00:00Z'), 3)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2']);
    expect(recentQuarters(new Date('2027-01-02T00:00:00Z'), 2)).toEqual(['2027-Q1', '2026-Q4']);
  });
});

describe('demo spending', () => {
  it('is seeded once, gives way to what staff enter, and is removed without touching staff entries', async () => {
    const { seedDemoSpending, removeDemoSpending } = await import('./demo-spending');
    await db.prisma.spendingEntry.deleteMany();
    const now = new Date('2026-12-06T10:00:00Z');
    const n = await seedDemoSpending(db.prisma, now);
    expect(n).toBeGreaterThanOrEqual(10);
    expect(await seedDemoSpending(db.prisma, now)).toBe(0);
    expect(new Set((await listSpending()).map((r) => r.quarter))).toEqual(new Set(['2026-Q3', '2026-Q2']));

    // Staff correct a demo figure: their row replaces the demo one and survives demo:remove.
    const mine = await saveSpendingEntry(editor, { quarter: '2026-Q3', category: 'records', amount: '999', currency: 'usd' });
    expect(mine.id.startsWith('demo_')).toBe(false);
    expect(await db.prisma.spendingEntry.count({ where: { quarter: '2026-Q3', category: 'records' } })).toBe(1);
    expect(await removeDemoSpending(db.prisma)).toBe(n - 1);
    expect((await listSpending()).map((r) => [r.quarter, r.category, r.amountCents])).toEqual([['2026-Q3', 'records', 99_900]]);
  });
});
