/**
 * CSV import of existing supporters (columns: email, name, tier, stripe_customer_id).
 *
 * `planImport` is the dry run: per row, what would happen (create / update which fields / unchanged /
 * error with the reason) and a digest of that plan; nothing is written. `applyImport` plans again
 * inside one transaction and writes only if the plan is still the one the admin saw (same digest),
 * so it writes exactly what the dry run showed; rows with errors are skipped, as the dry run says.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { CsvParseError, parseCsv } from './csv';
import { DomainError } from '@/lib/errors/domain-error';
import { sentence, type Sentence } from '@/lib/i18n/sentence';

/** Largest CSV accepted (bytes) and most rows: about 20,000 typical rows. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;

export class ImportError extends DomainError {
  constructor(s: Sentence, status: 400 | 409 | 413 = 400) {
    super({ code: status === 409 ? 'CONFLICT' : status === 413 ? 'TOO_LARGE' : 'INVALID', status, sentence: s });
  }
}

export type ImportRow = { line: number; email: string; name: string; tier: string; stripeCustomerId: string };

export type PlannedRow = ImportRow &
  (
    | { action: 'create'; userId: null; tierId: string | null; changes: string[] }
    | { action: 'update'; userId: string; tierId: string | null; changes: string[] }
    | { action: 'unchanged'; userId: string; tierId: string | null; changes: [] }
    | { action: 'error'; userId: string | null; reasons: Sentence[] }
  );

export type ImportPlan = {
  rows: PlannedRow[];
  counts: { create: number; update: number; unchanged: number; error: number };
  digest: string;
};

/** The plan as the import page gets it: each error row's reasons said in the staff member's language. */
export type SaidImportPlan = Omit<ImportPlan, 'rows'> & {
  rows: (ImportRow &
    (
      | { action: 'create' | 'update' | 'unchanged'; userId: string | null; tierId: string | null; changes: string[] }
      | { action: 'error'; userId: string | null; reasons: string[] }
    ))[];
};

const KNOWN_COLUMNS = ['email', 'name', 'tier', 'stripe_customer_id'] as const;
const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
const emailSchema = z.email();
const CUSTOMER_ID = /^cus_[A-Za-z0-9]{1,250}$/;

/** CSV text → rows. Throws ImportError with a sentence for people (size, header, parse errors). */
export function parseImportCsv(text: string): ImportRow[] {
  if (Buffer.byteLength(text, 'utf8') > IMPORT_MAX_BYTES) throw new ImportError(tooLargeSentence(), 413);
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvParseError)
      throw new ImportError(
        err.problem === 'quote'
          ? sentence('dashboard.import.errors.notCsvQuote', { line: err.line })
          : sentence('dashboard.import.errors.notCsvUnclosed', { line: err.line }),
      );
    throw err;
  }
  const [header, ...body] = records;
  if (!header) throw new ImportError(sentence('dashboard.import.errors.empty'));
  const columns = header.map(normaliseHeader);
  if (!columns.includes('email'))
    throw new ImportError(
      header.join('').trim()
        ? sentence('dashboard.import.errors.noEmailColumn', { found: header.join(', ') })
        : sentence('dashboard.import.errors.noColumns'),
    );
  const unknown = columns.filter((c) => !(KNOWN_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw new ImportError(sentence('dashboard.import.errors.unknownColumns', { count: unknown.length, columns: unknown.join(', ') }));
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup) throw new ImportError(sentence('dashboard.import.errors.duplicateColumn', { column: dup }));
  if (!body.length) throw new ImportError(sentence('dashboard.import.errors.noRows'));
  if (body.length > IMPORT_MAX_ROWS)
    throw new ImportError(sentence('dashboard.import.errors.tooManyRows', { rows: body.length, max: IMPORT_MAX_ROWS }), 413);
  const at = (rec: string[], col: string) => (columns.includes(col) ? (rec[columns.indexOf(col)] ?? '').trim() : '');
  return body.map((rec, i) => ({
    line: i + 2,
    email: at(rec, 'email').toLowerCase(),
    name: at(rec, 'name'),
    tier: at(rec, 'tier'),
    stripeCustomerId: at(rec, 'stripe_customer_id'),
  }));
}

export function tooLargeSentence(): Sentence {
  return sentence('dashboard.import.errors.tooLarge', { megabytes: IMPORT_MAX_BYTES / 1024 / 1024, rows: IMPORT_MAX_ROWS });
}

type Tx = Pick<PrismaClient, 'user' | 'tier' | 'stripeCustomer'>;

async function planWith(db: Tx, rows: ImportRow[]): Promise<ImportPlan> {
  const emails = [...new Set(rows.map((r) => r.email).filter(Boolean))];
  const customerIds = [...new Set(rows.map((r) => r.stripeCustomerId).filter(Boolean))];
  const [users, tiers, links] = await Promise.all([
    db.user.findMany({
      where: { email: { in: emails } },
      select: { id: true, email: true, name: true, importedTierId: true, stripeCustomer: { select: { customerId: true } } },
    }),
    db.tier.findMany({ select: { id: true, slug: true, name: true } }),
    db.stripeCustomer.findMany({
      where: { customerId: { in: customerIds } },
      select: { customerId: true, userId: true, user: { select: { email: true } } },
    }),
  ]);
  const userByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]));
  const linkByCustomer = new Map(links.map((l) => [l.customerId, l]));
  const tierBySlug = new Map(tiers.map((t) => [t.slug.toLowerCase(), t]));
  const tierByName = new Map(tiers.map((t) => [t.name.toLowerCase(), t]));
  const firstLineOfEmail = new Map<string, number>();
  const firstEmailOfCustomer = new Map<string, { email: string; line: number }>();

  const planned = rows.map((row): PlannedRow => {
    const reasons: Sentence[] = [];
    const email = row.email;
    if (!email) reasons.push(sentence('dashboard.import.reasons.noEmail'));
    else if (!emailSchema.safeParse(email).success) reasons.push(sentence('dashboard.import.reasons.badEmail', { email }));
    else if (firstLineOfEmail.has(email))
      reasons.push(sentence('dashboard.import.reasons.duplicate', { email, line: firstLineOfEmail.get(email)! }));
    else firstLineOfEmail.set(email, row.line);
    if (row.name.length > 200) reasons.push(sentence('dashboard.import.reasons.longName', { max: 200 }));

    const tier = row.tier ? (tierBySlug.get(row.tier.toLowerCase()) ?? tierByName.get(row.tier.toLowerCase())) : undefined;
    if (row.tier && !tier) reasons.push(sentence('dashboard.import.reasons.unknownTier', { tier: row.tier }));

    const existing = email ? userByEmail.get(email) : undefined;
    const cid = row.stripeCustomerId;
    if (cid) {
      if (!CUSTOMER_ID.test(cid)) reasons.push(sentence('dashboard.import.reasons.badCustomer', { id: cid }));
      else {
        const link = linkByCustomer.get(cid);
        const earlier = firstEmailOfCustomer.get(cid);
        if (link && link.userId !== existing?.id)
          reasons.push(sentence('dashboard.import.reasons.customerTaken', { id: cid, email: link.user.email }));
        else if (earlier && earlier.email !== email)
          reasons.push(sentence('dashboard.import.reasons.customerTwice', { id: cid, email: earlier.email, line: earlier.line }));
        else if (existing?.stripeCustomer && existing.stripeCustomer.customerId !== cid) {
          reasons.push(sentence('dashboard.import.reasons.otherCustomer', { email, id: existing.stripeCustomer.customerId }));
        }
        if (!earlier) firstEmailOfCustomer.set(cid, { email, line: row.line });
      }
    }
    if (reasons.length) return { ...row, action: 'error', userId: existing?.id ?? null, reasons };

    const tierId = tier?.id ?? null;
    if (!existing) {
      const changes = ['new member', ...(row.name ? ['name'] : []), ...(tierId ? ['tier'] : []), ...(cid ? ['stripe customer'] : [])];
      return { ...row, action: 'create', userId: null, tierId, changes };
    }
    const changes: string[] = [];
    if (row.name && row.name !== (existing.name ?? '')) changes.push('name');
    if (tierId && tierId !== existing.importedTierId) changes.push('tier');
    if (cid && !existing.stripeCustomer) changes.push('stripe customer');
    if (!changes.length) return { ...row, action: 'unchanged', userId: existing.id, tierId, changes: [] };
    return { ...row, action: 'update', userId: existing.id, tierId, changes };
  });

  const counts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of planned) counts[r.action]++;
  const digest = createHash('sha256').update(JSON.stringify(planned)).digest('hex').slice(0, 32);
  return { rows: planned, counts, digest };
}

/** The dry run: what importing these rows would do. Writes nothing. */
export async function planImport(rows: ImportRow[]): Promise<ImportPlan> {
  return planWith(await getDb(), rows);
}

export type ImportResult = { created: number; updated: number; unchanged: number; skipped: number };

/**
 * Writes the plan, in one transaction, if it is still the plan the dry run showed (`digest`);
 * otherwise nothing is written and an ImportError (409) asks for a new dry run.
 */
export async function applyImport(rows: ImportRow[], digest: string, now: Date = new Date()): Promise<ImportResult> {
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const plan = await planWith(tx, rows);
      if (plan.digest !== digest) throw new ImportError(sentence('dashboard.import.errors.stale'), 409);
      // New members in batches (one round trip per thousand), then their Stripe customer links.
      const creates = plan.rows.filter((r) => r.action === 'create');
      for (let i = 0; i < creates.length; i += 1000) {
        const batch = creates.slice(i, i + 1000);
        const made = await tx.user.createManyAndReturn({
          data: batch.map((r) => ({ email: r.email, name: r.name || null, importedAt: now, importedTierId: r.tierId })),
          select: { id: true, email: true },
        });
        const idOf = new Map(made.map((u) => [u.email, u.id]));
        const links = batch.filter((r) => r.stripeCustomerId).map((r) => ({ userId: idOf.get(r.email)!, customerId: r.stripeCustomerId }));
        if (links.length) await tx.stripeCustomer.createMany({ data: links });
      }
      for (const r of plan.rows) {
        if (r.action !== 'update') continue;
        await tx.user.update({
          where: { id: r.userId },
          data: {
            importedAt: now,
            ...(r.changes.includes('name') ? { name: r.name } : {}),
            ...(r.changes.includes('tier') ? { importedTierId: r.tierId } : {}),
          },
        });
        if (r.changes.includes('stripe customer'))
          await tx.stripeCustomer.create({ data: { userId: r.userId, customerId: r.stripeCustomerId } });
      }
      return { created: plan.counts.create, updated: plan.counts.update, unchanged: plan.counts.unchanged, skipped: plan.counts.error };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
