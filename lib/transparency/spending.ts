/**
 * What the newsroom spent, per quarter and category: entered by editors and admins at /desk/spending,
 * published on /transparency. Amounts are typed in major units ("12,500.00") and stored in minor units.
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { hasRole, type Role } from '@/lib/auth/roles';
import { reportingCurrency } from '@/lib/analytics/config';
import { DomainError } from '@/lib/errors/domain-error';
import { sentence, type Sentence } from '@/lib/i18n/sentence';
import { coded, issueSentence } from '@/lib/i18n/said';

/** English names (the desk and /transparency say them in their language: reading.transparency.categories). */
export const SPENDING_CATEGORIES = {
  reporting: 'Reporting (staff and freelance reporters)',
  editing: 'Editing and fact-checking',
  records: 'Records requests and legal review',
  photo: 'Photography and graphics',
  technology: 'Technology and hosting',
  fees: 'Payment processing fees',
  community: 'Events and community',
  other: 'Other costs',
} as const;
export type SpendingCategory = keyof typeof SPENDING_CATEGORIES;
const CATEGORY_KEYS = Object.keys(SPENDING_CATEGORIES) as [SpendingCategory, ...SpendingCategory[]];

const SPENDING_CODES = { 400: 'INVALID', 401: 'NOT_SIGNED_IN', 403: 'FORBIDDEN', 404: 'NOT_FOUND' } as const;

/** A spending entry refused: a catalogue sentence (and one per field), said in the staff member's language. */
export class SpendingError extends DomainError {
  constructor(status: 400 | 401 | 403 | 404, said: Sentence, fieldSentences: Record<string, Sentence> = {}) {
    super({ code: SPENDING_CODES[status], status, sentence: said, fieldSentences });
  }
}

/** "2026-Q3": years 2000–2099. */
export const QUARTER_RE = /^20\d{2}-Q[1-4]$/;

// Messages are catalogue sentences coded with lib/i18n/said.ts.
export const spendingInputSchema = z.object({
  quarter: z
    .string({ error: coded(sentence('deskAudience.spending.errors.quarter')) })
    .trim()
    .toUpperCase()
    .regex(QUARTER_RE, coded(sentence('deskAudience.spending.errors.quarter'))),
  category: z.enum(CATEGORY_KEYS, { error: coded(sentence('deskAudience.spending.errors.category')) }),
  amount: z
    .string({ error: coded(sentence('deskAudience.spending.errors.amount')) })
    .trim()
    .transform((s) => s.replace(/[,\s]/g, ''))
    .refine((s) => /^\d{1,9}(\.\d{1,2})?$/.test(s), coded(sentence('deskAudience.spending.errors.amountFormat')))
    .transform((s) => Math.round(Number(s) * 100)),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, coded(sentence('deskAudience.spending.errors.currency')))
    .transform((s) => s.toLowerCase())
    .optional(),
});

export type SpendingInput = z.input<typeof spendingInputSchema>;

function requireStaff(actor: { id: string; role: Role } | null | undefined) {
  if (!actor) throw new SpendingError(401, sentence('deskAudience.spending.errors.signIn'));
  if (!hasRole(actor.role, 'EDITOR')) throw new SpendingError(403, sentence('deskAudience.spending.errors.editorsOnly'));
  return actor;
}

/** Validates and stores one quarter's amount for a category (replacing an earlier entry for it). */
export async function saveSpendingEntry(actor: { id: string; role: Role } | null | undefined, input: unknown) {
  const user = requireStaff(actor);
  const parsed = spendingInputSchema.safeParse(input);
  if (!parsed.success) {
    const fix = sentence('deskAudience.spending.errors.fix');
    const fieldSentences: Record<string, Sentence> = {};
    for (const issue of parsed.error.issues) fieldSentences[String(issue.path[0] ?? 'form')] ??= issueSentence(issue.message, fix);
    throw new SpendingError(400, fix, fieldSentences);
  }
  const { quarter, category, amount } = parsed.data;
  const currency = parsed.data.currency ?? reportingCurrency();
  const db = await getDb();
  // A demo row for the same quarter and category makes way: what staff enter is never demo data
  // (npm run demo:remove deletes rows by their demo id).
  await db.spendingEntry.deleteMany({ where: { quarter, category, currency, id: { startsWith: 'demo_' } } });
  return db.spendingEntry.upsert({
    where: { quarter_category_currency: { quarter, category, currency } },
    create: { quarter, category, currency, amountCents: amount, createdById: user.id },
    update: { amountCents: amount, createdById: user.id },
  });
}

export async function deleteSpendingEntry(actor: { id: string; role: Role } | null | undefined, idIn: unknown) {
  requireStaff(actor);
  if (typeof idIn !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(idIn))
    throw new SpendingError(404, sentence('deskAudience.spending.errors.noEntry'));
  const db = await getDb();
  const r = await db.spendingEntry.deleteMany({ where: { id: idIn } });
  if (r.count === 0) throw new SpendingError(404, sentence('deskAudience.spending.errors.noEntry'));
}

export type SpendingRow = {
  id: string;
  quarter: string;
  category: SpendingCategory | string;
  label: string;
  amountCents: number;
  currency: string;
};

/** Entries, newest quarter first, for the desk and the public page. */
export async function listSpending({ quarters = 8 }: { quarters?: number } = {}): Promise<SpendingRow[]> {
  const db = await getDb();
  const recent = await db.spendingEntry.findMany({
    distinct: ['quarter'],
    select: { quarter: true },
    orderBy: { quarter: 'desc' },
    take: quarters,
  });
  const rows = await db.spendingEntry.findMany({
    where: { quarter: { in: recent.map((r) => r.quarter) } },
    orderBy: [{ quarter: 'desc' }, { amountCents: 'desc' }, { category: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    quarter: r.quarter,
    category: r.category,
    label: (SPENDING_CATEGORIES as Record<string, string>)[r.category] ?? r.category,
    amountCents: r.amountCents,
    currency: r.currency,
  }));
}

/** The current quarter ("2026-Q4") and the ones before it, for the desk's form. */
export function recentQuarters(now = new Date(), n = 8): string[] {
  const out: string[] = [];
  let y = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  for (let i = 0; i < n; i++) {
    out.push(`${y}-Q${q}`);
    if (--q === 0) {
      q = 4;
      y--;
    }
  }
  return out;
}

/** Totals per category and currency over the given rows (the chart), largest first. */
export function totalsByCategory(rows: readonly SpendingRow[]): { key: string; label: string; currency: string; amountCents: number }[] {
  const m = new Map<string, { key: string; label: string; currency: string; amountCents: number }>();
  for (const r of rows) {
    const k = `${r.category}|${r.currency}`;
    const t = m.get(k) ?? { key: k, label: r.label, currency: r.currency, amountCents: 0 };
    t.amountCents += r.amountCents;
    m.set(k, t);
  }
  return [...m.values()].sort((a, b) => b.amountCents - a.amountCents || a.label.localeCompare(b.label));
}
