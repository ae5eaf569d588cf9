import { syncSubscription } from '../../mirror/subscription';
import { objectId, type EventHandler } from '../types';

/** customer.subscription.updated: status, period, cancel-at-period-end, past_due grace start. */
export const handleCustomerSubscriptionUpdated: EventHandler = (event, ctx) => syncSubscription(objectId(event), { stamp: ctx?.stamp });
