import { syncCharge } from '../../mirror/charge';
import { objectId, type EventHandler } from '../types';

/** charge.refunded: Payment.amountRefunded/status and the paid invoice's amountRefunded. */
export const handleChargeRefunded: EventHandler = (event, ctx) => syncCharge(objectId(event), { stamp: ctx?.stamp });
