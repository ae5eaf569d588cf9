import { syncCheckoutSession } from '../../mirror/checkout-session';
import { objectId, type EventHandler } from '../types';

/** checkout.session.completed (and .expired): Checkout row → COMPLETED/EXPIRED, customer linked, subscription synced. */
export const handleCheckoutSessionCompleted: EventHandler = (event, ctx) => syncCheckoutSession(objectId(event), { stamp: ctx?.stamp });
