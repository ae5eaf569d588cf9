import { syncInvoice } from '../../mirror/invoice';
import { objectId, type EventHandler } from '../types';

/** invoice.payment_failed: mirror the invoice; "payment failed" email with a card-update link, once per invoice, while it is still unpaid. */
export const handleInvoicePaymentFailed: EventHandler = (event, ctx) =>
  syncInvoice(objectId(event), { failedNotice: true, stamp: ctx?.stamp });
