import { syncInvoice } from '../../sync';
import { objectId, type EventHandler } from '../types';

/** invoice.paid: mirror the invoice and its charge; renewals get a receipt email (once per invoice). */
export const handleInvoicePaid: EventHandler = (event) => syncInvoice(objectId(event), { receipt: true });
