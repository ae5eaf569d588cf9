import { syncSubscription } from '../../mirror/subscription';
import { objectId, type EventHandler } from '../types';

/** customer.subscription.deleted: the subscription ended (status canceled); "membership ended" email once. */
export const handleCustomerSubscriptionDeleted: EventHandler = (event, ctx) => syncSubscription(objectId(event), { stamp: ctx?.stamp });
