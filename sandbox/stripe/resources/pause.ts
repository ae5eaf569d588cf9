/**
 * Pausing payment collection on a subscription (`pause_collection`), as Stripe does it:
 * - `POST /v1/subscriptions/:id` with `pause_collection[behavior]` (void, keep_as_draft,
 *   mark_uncollectible) and optional `pause_collection[resumes_at]`; `pause_collection=` (empty) resumes.
 * - The subscription stays `active` and keeps renewing; each renewal invoice while paused is voided
 *   (void), left as a draft (keep_as_draft) or finalized and marked uncollectible, never charged.
 * - When a renewal happens at or after `resumes_at`, collection resumes first (pause_collection back to
 *   null, announced by `customer.subscription.updated`) and the invoice is charged as usual.
 */
import { previousAttributes, type Sandbox } from '../core.ts';
import { errors, int, oneOf, type Obj } from '../protocol.ts';

export const PAUSE_BEHAVIORS = ['void', 'keep_as_draft', 'mark_uncollectible'] as const;

/** Applies the update's `pause_collection` parameter to `sub` (stored by the caller). */
export function applyPauseCollection(sb: Sandbox, sub: Obj, params: Obj): void {
  const pc = params.pause_collection;
  if (pc === undefined) return;
  if (pc === '') {
    sub.pause_collection = null;
    return;
  }
  if (typeof pc !== 'object' || pc === null || Array.isArray(pc)) throw errors.badValue('pause_collection', 'Invalid hash');
  const behavior = oneOf(pc as Obj, 'behavior', PAUSE_BEHAVIORS, { required: true, param: 'pause_collection[behavior]' })!;
  const resumesAt = int(pc as Obj, 'resumes_at', { param: 'pause_collection[resumes_at]' }) ?? null;
  if (resumesAt !== null && resumesAt <= sb.nowFor(sub.customer)) {
    throw errors.badValue('pause_collection[resumes_at]', 'resumes_at must be in the future.');
  }
  if (sub.status === 'canceled') throw errors.state('A canceled subscription can not be paused.', 'pause_collection');
  sub.pause_collection = { behavior, resumes_at: resumesAt };
}

/** At a renewal at instant `at`: resumes collection when its resumes_at has come (one subscription.updated). */
export function resumeCollectionIfDue(sb: Sandbox, sub: Obj, at: number): void {
  const resumesAt = sub.pause_collection?.resumes_at as number | null | undefined;
  if (!sub.pause_collection || resumesAt == null || resumesAt > at) return;
  const before = sb.render(sub);
  sub.pause_collection = null;
  sb.store.put(sub);
  sb.emit('customer.subscription.updated', sb.render(sub), previousAttributes(before, sb.render(sub)));
}

/**
 * A new subscription invoice while collection is paused: handled here (true) instead of being
 * finalized and charged. `finalize` finalizes it as the caller would.
 */
export function handlePausedInvoice(sb: Sandbox, sub: Obj, invoice: Obj, finalize: () => void): boolean {
  const behavior = sub.pause_collection?.behavior as (typeof PAUSE_BEHAVIORS)[number] | undefined;
  if (!behavior) return false;
  if (behavior === 'keep_as_draft') return true;
  finalize();
  const now = sb.nowFor(sub.customer);
  const before = sb.render(invoice);
  invoice.next_payment_attempt = null;
  if (behavior === 'void') {
    invoice.status = 'void';
    invoice.status_transitions.voided_at = now;
    sb.store.put(invoice);
    sb.emit('invoice.voided', sb.render(invoice), previousAttributes(before, sb.render(invoice)));
  } else {
    invoice.status = 'uncollectible';
    invoice.status_transitions.marked_uncollectible_at = now;
    sb.store.put(invoice);
    sb.emit('invoice.marked_uncollectible', sb.render(invoice), previousAttributes(before, sb.render(invoice)));
  }
  return true;
}

/** The customer portal's line for a subscription whose collection is paused (empty otherwise). */
export function pausedNote(sub: Obj, date: (ts: number | null | undefined) => string): string {
  if (!sub.pause_collection) return '';
  const until = sub.pause_collection.resumes_at as number | null;
  return `<p data-testid="portal-paused"><strong>Payments paused${until ? ` until ${date(until)}` : ''}</strong></p>`;
}
