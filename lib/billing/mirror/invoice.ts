/**
 * Invoices (and the charges paying them): written only when the fetch is newer than the stored row;
 * the receipt and "payment failed" emails are chosen from the row as stored after the write.
 */
import { localePath } from '@/lib/i18n/locales';
import type Stripe from 'stripe';
import { getDb, getPreparedSql } from '@/lib/db/client';
import { asInstant, utcParam } from '@/lib/db/sql-time';
import type { OrNull } from '@/lib/db/sql';
import { siteName, siteUrl } from '@/lib/config/site';
import { paymentFailedEmail, paymentReceiptEmail } from '@/lib/mail/billing-templates';
import { statusOfOne } from '../patron-status';
import { getStripe } from '../stripe';
import { BILLING_EMAIL_KINDS, sendBillingEmailOnce } from '../emails';
import { formatRecurring } from '@/lib/format/money';
import { graceDays } from '../config';
import { lookupCustomer } from './customer';
import { mirrorClock, newerFetch, type MirrorStamp } from './sql';
import { diff, invoiceEmailsFor, invoicePayments, invoiceRow, subscriptionIdOfInvoice, type InvoiceFields } from './mappers';
import type { SyncOptions, SyncResult } from './types';
import { syncSubscription } from './subscription';
import { upsertCharge } from './charge';

export type InvoiceSyncOptions = SyncOptions & {
  receipt?: boolean;
  failedNotice?: boolean;
  /** Charges the caller has just fetched from Stripe (e.g. the refunded one), stamped before that fetch: used instead of fetching them again. */
  knownCharges?: { charges: Stripe.Charge[]; stamp: MirrorStamp };
};

/** The invoice's user and the charges stored with it (`chargesWon`: those whose fetched state was written), for callers that continue from there. */
export type InvoiceSyncResult = SyncResult & { userId: string | null; chargeIds: string[]; chargesWon: string[] };

/** Writes one invoice unless the stored row came from a newer fetch, and returns the row as it was before (for the change list). */
const UPSERT_INVOICE_SQL = `
  WITH before AS (
    SELECT * FROM "Invoice" WHERE "id" = $1::text
  ), saved AS (
    INSERT INTO "Invoice" ("id", "userId", "subscriptionId", "customerId", "status", "currency", "amountDue", "amountPaid", "amountRefunded",
      "periodStart", "periodEnd", "hostedInvoiceUrl", "paidAt", "createdAt", "syncedAt", "fetchedAt")
    VALUES ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::int, $8::int, $9::int,
      ${utcParam('$10')}, ${utcParam('$11')}, $12::text, ${utcParam('$13')}, ${utcParam('$14')}, ${utcParam('$15')}, $16::timestamptz)
    ON CONFLICT ("id") DO UPDATE SET
      "userId" = EXCLUDED."userId", "subscriptionId" = EXCLUDED."subscriptionId", "customerId" = EXCLUDED."customerId", "status" = EXCLUDED."status",
      "currency" = EXCLUDED."currency", "amountDue" = EXCLUDED."amountDue", "amountPaid" = EXCLUDED."amountPaid", "amountRefunded" = EXCLUDED."amountRefunded",
      "periodStart" = EXCLUDED."periodStart", "periodEnd" = EXCLUDED."periodEnd", "hostedInvoiceUrl" = EXCLUDED."hostedInvoiceUrl",
      "paidAt" = EXCLUDED."paidAt", "createdAt" = EXCLUDED."createdAt", "syncedAt" = EXCLUDED."syncedAt", "fetchedAt" = EXCLUDED."fetchedAt"
    WHERE ${newerFetch('Invoice', '$16')}
    RETURNING "id"
  )
  SELECT (SELECT count(*) FROM saved)::int = 1 AS won, b."id" IS NOT NULL AS existed, b."userId", b."subscriptionId", b."customerId", b."status", b."currency",
    b."amountDue", b."amountPaid", b."amountRefunded", ${asInstant('b."periodStart"', 'periodStart')}, ${asInstant('b."periodEnd"', 'periodEnd')}, b."hostedInvoiceUrl",
    ${asInstant('b."paidAt"', 'paidAt')}, ${asInstant('b."createdAt"', 'createdAt')}
  FROM (SELECT 1) AS one LEFT JOIN before b ON true`;

/** The invoice as stored (after losing to a newer write): what its emails need. */
const STORED_INVOICE_SQL = `
  SELECT "userId", "subscriptionId", "status", "currency", "amountDue", "amountPaid", "hostedInvoiceUrl", ${asInstant('"paidAt"', 'paidAt')}
  FROM "Invoice" WHERE "id" = $1::text`;

/** The invoice columns UPSERT_INVOICE_SQL reads back from before the write. */
type InvoiceColumns = InvoiceFields & { userId: string | null; subscriptionId: string | null };

type StoredInvoice = Pick<InvoiceFields, 'status' | 'currency' | 'amountDue' | 'amountPaid' | 'hostedInvoiceUrl' | 'paidAt'> & {
  userId: string | null;
  subscriptionId: string | null;
};

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Re-fetches invoice `id` (and its charges) and upserts Invoice + Payment rows. Makes sure the
 * subscription mirror exists first (events may arrive before customer.subscription.created).
 */
export async function syncInvoice(id: string, opts: InvoiceSyncOptions = {}): Promise<InvoiceSyncResult> {
  const stripe = getStripe();
  const sql = await getPreparedSql();
  const now = opts.now ?? new Date();
  const stamp = opts.stamp ?? (await mirrorClock(sql));
  const inv = await stripe.invoices.retrieve(id, { expand: ['payments'] });
  const skipped = (reason: string): InvoiceSyncResult => ({
    id,
    action: 'skipped',
    changes: [],
    reason,
    userId: null,
    chargeIds: [],
    chargesWon: [],
  });
  const customerId = invoiceRow(inv, [])?.customerId;
  if (!customerId) return skipped('invoice has no customer');
  let subscriptionId = subscriptionIdOfInvoice(inv);
  const metadataUserId = inv.parent?.subscription_details?.metadata?.userId ?? inv.metadata?.userId ?? null;
  const { userId, subscriptionKnown } = await lookupCustomer(customerId, metadataUserId, subscriptionId);

  if (subscriptionId && !subscriptionKnown) {
    // Fetched after this sync's stamp, so the subscription may use it if its sync starts at once.
    const r = await syncSubscription(subscriptionId, { emails: opts.emails, now: opts.now, stamp });
    if (r.action === 'skipped') subscriptionId = null;
  }

  // Charges paying this invoice (via its payment intents); each keeps the stamp read before its fetch.
  const known = new Map((opts.knownCharges?.charges ?? []).map((c) => [c.id, c]));
  const knownStamp = opts.knownCharges?.stamp;
  const charges: { charge: Stripe.Charge; stamp: MirrorStamp }[] = [];
  const ours = (charge: Stripe.Charge) => ({ charge, stamp: known.has(charge.id) && knownStamp ? knownStamp : stamp });
  for (const p of invoicePayments(inv)) {
    if (p.chargeId) charges.push(ours(known.get(p.chargeId) ?? (await stripe.charges.retrieve(p.chargeId))));
    else if (p.paymentIntentId) {
      const ofIntent = [...known.values()].filter(
        (c) => c.payment_intent && (typeof c.payment_intent === 'string' ? c.payment_intent : c.payment_intent.id) === p.paymentIntentId,
      );
      const listed = ofIntent.length ? ofIntent : (await stripe.charges.list({ payment_intent: p.paymentIntentId, limit: 100 })).data;
      charges.push(...listed.map(ours));
    }
  }
  const seen = new Set<string>();
  const unique = charges.filter(({ charge }) => (seen.has(charge.id) ? false : (seen.add(charge.id), true)));
  // Payment has no foreign key to Invoice, so each charge is stored already linked to this invoice.
  const chargesWon: string[] = [];
  for (const { charge, stamp: s } of unique) if (await upsertCharge(charge, s, { userId, invoiceId: id })) chargesWon.push(charge.id);

  const data = {
    userId,
    subscriptionId,
    ...invoiceRow(
      inv,
      unique.map((c) => c.charge),
    )!,
  };
  const [saved] = await sql.query<{ won: boolean; existed: boolean } & OrNull<InvoiceColumns>>(UPSERT_INVOICE_SQL, [
    id,
    data.userId,
    data.subscriptionId,
    data.customerId,
    data.status,
    data.currency,
    data.amountDue,
    data.amountPaid,
    data.amountRefunded,
    iso(data.periodStart),
    iso(data.periodEnd),
    data.hostedInvoiceUrl,
    iso(data.paidAt),
    iso(data.createdAt),
    now.toISOString(),
    stamp,
  ]);
  const won = saved?.won ?? false;
  const before = saved?.existed ? saved : null;
  const stored: StoredInvoice | undefined = won ? data : (await sql.query<StoredInvoice>(STORED_INVOICE_SQL, [id]))[0];

  if (stored?.userId && (opts.emails ?? true)) await sendInvoiceEmails(id, stored, inv.billing_reason, opts, now);
  const chargeIds = unique.map((c) => c.charge.id);
  if (!won) return { id, action: 'unchanged', changes: [], stale: true, userId, chargeIds, chargesWon };
  const changes = diff(before, data);
  return { id, action: before ? (changes.length ? 'updated' : 'unchanged') : 'created', changes, userId, chargeIds, chargesWon };
}

async function sendInvoiceEmails(
  id: string,
  inv: StoredInvoice,
  billingReason: string | null | undefined,
  asked: InvoiceSyncOptions,
  now: Date,
): Promise<void> {
  const userId = inv.userId!;
  const site = siteName();
  const kinds = invoiceEmailsFor(inv, billingReason, asked);
  if (!kinds.length) return;
  // Every amount says what it recurs for ("$5.00 per month"), from the subscription the invoice bills.
  const sub = inv.subscriptionId ? await (await getDb()).subscription.findUnique({ where: { id: inv.subscriptionId } }) : null;
  for (const kind of kinds) {
    const common = { siteName: site, reference: id };
    let render: Parameters<typeof sendBillingEmailOnce>[0]['render'];
    if (kind === BILLING_EMAIL_KINDS.receipt) {
      render = (u) =>
        paymentReceiptEmail({
          ...common,
          name: u.name,
          amount: formatRecurring(inv.amountPaid, inv.currency, sub?.interval, { locale: u.locale }),
          paidOn: inv.paidAt ?? now,
          receiptUrl: inv.hostedInvoiceUrl ?? `${siteUrl()}${localePath(u.locale, '/account')}`,
          locale: u.locale,
        });
    } else {
      const graceEndsAt = sub ? (statusOfOne(sub, now, graceDays()).graceEndsAt ?? null) : null;
      render = (u) =>
        paymentFailedEmail({
          ...common,
          name: u.name,
          amount: formatRecurring(inv.amountDue, inv.currency, sub?.interval, { locale: u.locale }),
          updateCardUrl: `${siteUrl()}${localePath(u.locale, '/account')}`,
          graceEndsAt,
          locale: u.locale,
        });
    }
    await sendBillingEmailOnce({ kind, userId, reference: id, render });
  }
}
