/**
 * Webhook event processing: idempotent by event id (the StripeEvent table), dispatched by type to one
 * handler per event type. A handler error leaves the event unprocessed (attempts++, lastError) and is
 * rethrown so the route answers 500 and Stripe retries it.
 */
import type Stripe from 'stripe';
import { NOW_UTC, utcParam } from '@/lib/db/sql-time';
import { MIRROR_CLOCK, type MirrorStamp } from '../mirror/sql';
import { getPreparedSql } from '@/lib/db/client';
import type { EventHandler } from './types';
import { handleCheckoutSessionCompleted } from './handlers/checkout-session-completed';
import { handleCustomerSubscriptionCreated } from './handlers/customer-subscription-created';
import { handleCustomerSubscriptionUpdated } from './handlers/customer-subscription-updated';
import { handleCustomerSubscriptionDeleted } from './handlers/customer-subscription-deleted';
import { handleInvoicePaid } from './handlers/invoice-paid';
import { handleInvoicePaymentFailed } from './handlers/invoice-payment-failed';
import { handleChargeRefunded } from './handlers/charge-refunded';

export const HANDLERS: Readonly<Record<string, EventHandler>> = {
  'checkout.session.completed': handleCheckoutSessionCompleted,
  'checkout.session.expired': handleCheckoutSessionCompleted,
  'customer.subscription.created': handleCustomerSubscriptionCreated,
  'customer.subscription.updated': handleCustomerSubscriptionUpdated,
  'customer.subscription.deleted': handleCustomerSubscriptionDeleted,
  'invoice.paid': handleInvoicePaid,
  'invoice.payment_failed': handleInvoicePaymentFailed,
  'charge.refunded': handleChargeRefunded,
};

export type ProcessOutcome = 'processed' | 'duplicate' | 'in-flight' | 'ignored' | 'skipped';

/** A claim older than this is taken to belong to a crashed process and may be taken over. */
const CLAIM_TIMEOUT_SECONDS = 120;

export class EventProcessingError extends Error {
  constructor(
    readonly eventId: string,
    readonly cause: unknown,
  ) {
    super(`Stripe event ${eventId} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'EventProcessingError';
  }
}

/**
 * Processes one verified event exactly once (per successful run). One statement records the event and
 * claims it; a delivery that finds it processed is a duplicate, one that finds it claimed by a
 * concurrent delivery is 'in-flight' (the route asks Stripe to retry later). Throws
 * EventProcessingError when the handler fails, releasing the claim so the retry runs it again.
 */
export async function processEvent(event: Stripe.Event): Promise<{ outcome: ProcessOutcome; detail?: string }> {
  // The raw-SQL path, prepared: these statements run for every delivery, and Prisma's per-query CPU
  // (then PostgreSQL's parsing and planning) was the largest cost of the route (bench/README.md "webhooks").
  const sql = await getPreparedSql();
  const handler = HANDLERS[event.type];
  const createdAt = new Date(event.created * 1000).toISOString();
  if (!handler) {
    // Types we don't handle are recorded (audit) and acknowledged in one statement.
    const recorded = await sql.query<{ id: string }>(
      `INSERT INTO "StripeEvent" ("id", "type", "createdAt", "receivedAt", "processedAt", "attempts")
       VALUES ($1::text, $2::text, ${utcParam('$3')}, ${NOW_UTC}, ${NOW_UTC}, 1)
       ON CONFLICT ("id") DO NOTHING
       RETURNING "id"`,
      [event.id, event.type, createdAt],
    );
    return { outcome: recorded.length ? 'ignored' : 'duplicate' };
  }
  // Record and claim in one statement. When the claim fails, the same statement says whether the
  // event was already processed (duplicate) or is held by a concurrent delivery (in-flight). A row
  // committed by a concurrent delivery after this statement's snapshot reads as in-flight, which
  // only means one more retry.
  const [claim] = await sql.query<{ claimed: boolean; processed: boolean | null; stamp: MirrorStamp }>(
    `WITH claim AS (
       INSERT INTO "StripeEvent" ("id", "type", "createdAt", "receivedAt", "claimedAt")
       VALUES ($1::text, $2::text, ${utcParam('$3')}, ${NOW_UTC}, ${NOW_UTC})
       ON CONFLICT ("id") DO UPDATE SET "claimedAt" = EXCLUDED."claimedAt"
         WHERE "StripeEvent"."processedAt" IS NULL
           AND ("StripeEvent"."claimedAt" IS NULL OR "StripeEvent"."claimedAt" < EXCLUDED."claimedAt" - make_interval(secs => $4::int))
       RETURNING "id"
     )
     SELECT EXISTS (SELECT 1 FROM claim) AS claimed,
            (SELECT "processedAt" IS NOT NULL FROM "StripeEvent" WHERE "id" = $1::text) AS processed,
            ${MIRROR_CLOCK} AS stamp`,
    [event.id, event.type, createdAt, CLAIM_TIMEOUT_SECONDS],
  );
  if (!claim?.claimed) return { outcome: claim?.processed ? 'duplicate' : 'in-flight' };

  try {
    // The clock read by the claim, after the event arrived: the mirror's stamp for a sync that starts now.
    const result = await handler(event, { stamp: claim.stamp });
    const skipped = result && result.action === 'skipped';
    await sql.query(
      `UPDATE "StripeEvent" SET "processedAt" = ${NOW_UTC}, "attempts" = "attempts" + 1, "lastError" = $2::text WHERE "id" = $1::text`,
      [event.id, skipped ? `skipped: ${result.reason ?? ''}`.slice(0, 1000) : null],
    );
    return skipped ? { outcome: 'skipped', detail: result.reason } : { outcome: 'processed' };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    await sql
      .query(`UPDATE "StripeEvent" SET "claimedAt" = NULL, "attempts" = "attempts" + 1, "lastError" = $2::text WHERE "id" = $1::text`, [
        event.id,
        message.slice(0, 2000),
      ])
      .catch(() => undefined);
    throw new EventProcessingError(event.id, e);
  }
}
