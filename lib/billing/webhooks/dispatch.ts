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

export type ProcessOutcome = 'processed' | 'duplicate' | 'ignored' | 'skipped';

export class EventProcessingError extends Error {
  constructor(
    readonly eventId: string,
    readonly cause: unknown,
  ) {
    super(`Stripe event ${eventId} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'EventProcessingError';
  }
}

/** Processes one verified event exactly once (per successful run). Throws EventProcessingError when its handler fails. */
export async function processEvent(event: Stripe.Event): Promise<{ outcome: ProcessOutcome; detail?: string }> {
  const db = await getDb();
  await db.stripeEvent.createMany({
    data: [{ id: event.id, type: event.type, createdAt: new Date(event.created * 1000) }],
    skipDuplicates: true,
  });
  const row = await db.stripeEvent.findUnique({ where: { id: event.id } });
  if (row?.processedAt) return { outcome: 'duplicate' };

  const handler = HANDLERS[event.type];
  if (!handler) {
    await db.stripeEvent.update({ where: { id: event.id }, data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: null } });
    return { outcome: 'ignored' };
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
      .update({ where: { id: event.id }, data: { attempts: { increment: 1 }, lastError: message.slice(0, 2000) } })
      .catch(() => undefined);
    throw new EventProcessingError(event.id, e);
  }
}
