/**
 * Webhook event processing: idempotent by event id (the StripeEvent table), dispatched by type to one
 * handler per event type. A handler error leaves the event unprocessed (attempts++, lastError) and is
 * rethrown so the route answers 500 and Stripe retries it.
 */
import type Stripe from 'stripe';
import { getDb } from '@/lib/db/client';
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
  const db = await getDb();
  const handler = HANDLERS[event.type];
  if (!handler) {
    // Types we don't handle are recorded (audit) and acknowledged in one statement.
    const recorded = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO "StripeEvent" ("id", "type", "createdAt", "processedAt", "attempts")
      VALUES (${event.id}, ${event.type}, ${new Date(event.created * 1000)}, now(), 1)
      ON CONFLICT ("id") DO NOTHING
      RETURNING "id"`;
    return { outcome: recorded.length ? 'ignored' : 'duplicate' };
  }
  const claimed = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "StripeEvent" ("id", "type", "createdAt", "claimedAt")
    VALUES (${event.id}, ${event.type}, ${new Date(event.created * 1000)}, now())
    ON CONFLICT ("id") DO UPDATE SET "claimedAt" = now()
      WHERE "StripeEvent"."processedAt" IS NULL
        AND ("StripeEvent"."claimedAt" IS NULL OR "StripeEvent"."claimedAt" < now() - make_interval(secs => ${CLAIM_TIMEOUT_SECONDS}))
    RETURNING "id"`;
  if (claimed.length === 0) {
    const row = await db.stripeEvent.findUnique({ where: { id: event.id }, select: { processedAt: true } });
    return { outcome: row?.processedAt ? 'duplicate' : 'in-flight' };
  }

  try {
    const result = await handler(event);
    const skipped = result && result.action === 'skipped';
    await db.stripeEvent.update({
      where: { id: event.id },
      data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: skipped ? `skipped: ${result.reason ?? ''}`.slice(0, 1000) : null },
    });
    return skipped ? { outcome: 'skipped', detail: result.reason } : { outcome: 'processed' };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    await db.stripeEvent
      .update({ where: { id: event.id }, data: { claimedAt: null, attempts: { increment: 1 }, lastError: message.slice(0, 2000) } })
      .catch(() => undefined);
    throw new EventProcessingError(event.id, e);
  }
}
