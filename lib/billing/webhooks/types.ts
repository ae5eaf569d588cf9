import type Stripe from 'stripe';
import type { SyncResult } from '../mirror/types';
import type { MirrorStamp } from '../mirror/sql';

/** What dispatch knows about the delivery: `stamp`, the database clock when the event was claimed (see SyncOptions.stamp). */
export type HandlerContext = { stamp?: MirrorStamp };

/** One handler per event type: re-fetches the object from Stripe and upserts the mirror. */
export type EventHandler = (event: Stripe.Event, ctx?: HandlerContext) => Promise<SyncResult | void>;

/** The id of the event's object (every handled type carries one). */
export function objectId(event: Stripe.Event): string {
  const id = (event.data.object as { id?: unknown }).id;
  if (typeof id !== 'string' || !id) throw new Error(`Event ${event.id} (${event.type}) has no object id`);
  return id;
}
