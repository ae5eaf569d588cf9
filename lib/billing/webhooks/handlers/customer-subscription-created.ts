import { syncSubscription } from '../../mirror/subscription';
import { objectId, type EventHandler } from '../types';

/** customer.subscription.created: mirror it; the welcome email goes out once it is active. */
export const handleCustomerSubscriptionCreated: EventHandler = (event, ctx) => syncSubscription(objectId(event), { stamp: ctx?.stamp });
