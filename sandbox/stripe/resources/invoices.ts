/** /v1/invoices, /v1/invoice_payments, /v1/payment_intents, /v1/charges, /v1/refunds. */
import { previousAttributes, type Sandbox } from '../core.ts';
import { applyMetadata, clone, errors, int, listOf, oneOf, paginate, str, type Obj } from '../protocol.ts';
import { refundObject } from '../objects.ts';
import { attemptInvoicePayment } from '../billing.ts';
import { out, outList, type Router } from '../router.ts';

export function invoicePayments(sb: Sandbox, invoiceId: string): Obj[] {
  const ids = (sb.store.meta(invoiceId).payments as string[] | undefined) ?? [];
  return ids
    .map((id) => sb.store.get(id))
    .filter((x): x is Obj => !!x)
    .reverse();
}

export function installInvoices(router: Router, sb: Sandbox): void {
  sb.virtuals.invoice = {
    payments: (rendered, s) =>
      listOf(
        invoicePayments(s, rendered.id).map((p) => s.render(p)),
        `/v1/invoice_payments?invoice=${rendered.id}`,
      ),
  };
  sb.renderers.charge = (stored, s) => {
    const o = clone(stored);
    const refunds = s.store.all('refund', (r) => r.charge === stored.id).map((r) => s.render(r));
    o.refunds = { object: 'list', data: refunds, has_more: false, total_count: refunds.length, url: `/v1/charges/${stored.id}/refunds` };
    return o;
  };

  // ----- invoices -----
  router.on('GET', '/v1/invoices/:id', (req) => out(req, req.sb.store.require(req.args[0], 'invoice', 'invoice')));
  router.on('GET', '/v1/invoices', (req) => {
    const { params } = req;
    const customer = str(params, 'customer');
    const subscription = str(params, 'subscription');
    const status = str(params, 'status');
    const items = req.sb.store.all(
      'invoice',
      (i) =>
        (!customer || i.customer === customer) &&
        (!subscription || i.parent?.subscription_details?.subscription === subscription) &&
        (!status || i.status === status),
    );
    return outList(req, items, '/v1/invoices');
  });
  router.on('GET', '/v1/invoices/:id/lines', (req) => {
    const inv = req.sb.store.require(req.args[0], 'invoice', 'invoice');
    return req.sb.expand(paginate(clone(inv.lines.data as Obj[]), req.params, `/v1/invoices/${inv.id}/lines`), req.expand);
  });
  router.on('POST', '/v1/invoices/:id/pay', (req) => {
    const s = req.sb;
    const inv = s.store.require(req.args[0], 'invoice', 'invoice');
    if (inv.status !== 'open') throw errors.state(`Invoice is already ${inv.status}.`);
    const pmId = str(req.params, 'payment_method');
    if (pmId) {
      const pm = s.store.require(pmId, 'payment_method', 'payment_method');
      const subId = inv.parent?.subscription_details?.subscription as string | undefined;
      const sub = subId ? s.store.get(subId) : undefined;
      if (sub) {
        sub.default_payment_method = pm.id;
        s.store.put(sub);
      }
    }
    if (!attemptInvoicePayment(s, inv)) {
      const pi = s.store.get(invoicePayments(s, inv.id)[0]?.payment?.payment_intent as string);
      const err = pi?.last_payment_error as Obj | undefined;
      throw errors.card(err?.decline_code ?? 'generic_decline', err?.message ?? 'Your card was declined.');
    }
    return out(req, inv);
  });
  router.on('POST', '/v1/invoices/:id/mark_uncollectible', (req) => {
    const s = req.sb;
    const inv = s.store.require(req.args[0], 'invoice', 'invoice');
    if (inv.status !== 'open') throw errors.state(`You can only mark an open invoice as uncollectible; this invoice is ${inv.status}.`);
    const before = clone(inv);
    inv.status = 'uncollectible';
    inv.next_payment_attempt = null;
    inv.status_transitions.marked_uncollectible_at = s.nowFor(inv.customer);
    s.store.put(inv, { retryAt: null });
    s.emit('invoice.marked_uncollectible', s.render(inv), previousAttributes(before, inv));
    return out(req, inv);
  });
  router.on('POST', '/v1/invoices/:id', (req) => {
    const s = req.sb;
    const inv = s.store.require(req.args[0], 'invoice', 'invoice');
    const before = clone(inv);
    inv.metadata = applyMetadata(inv.metadata, req.params.metadata);
    if (req.params.description !== undefined) inv.description = str(req.params, 'description') ?? null;
    s.store.put(inv);
    const prev = previousAttributes(before, inv);
    if (Object.keys(prev).length) s.emit('invoice.updated', s.render(inv), prev);
    return out(req, inv);
  });

  router.on('GET', '/v1/invoice_payments/:id', (req) => out(req, req.sb.store.require(req.args[0], 'invoice_payment')));
  router.on('GET', '/v1/invoice_payments', (req) => {
    const invoice = str(req.params, 'invoice');
    const items = invoice ? invoicePayments(req.sb, invoice) : req.sb.store.all('invoice_payment');
    return outList(req, items, '/v1/invoice_payments');
  });

  // ----- payment intents & charges -----
  router.on('GET', '/v1/payment_intents/:id', (req) => out(req, req.sb.store.require(req.args[0], 'payment_intent', 'intent')));
  router.on('GET', '/v1/payment_intents', (req) => {
    const customer = str(req.params, 'customer');
    return outList(
      req,
      req.sb.store.all('payment_intent', (p) => !customer || p.customer === customer),
      '/v1/payment_intents',
    );
  });
  router.on('GET', '/v1/charges/:id', (req) => out(req, req.sb.store.require(req.args[0], 'charge', 'charge')));
  router.on('GET', '/v1/charges', (req) => {
    const customer = str(req.params, 'customer');
    const pi = str(req.params, 'payment_intent');
    return outList(
      req,
      req.sb.store.all('charge', (c) => (!customer || c.customer === customer) && (!pi || c.payment_intent === pi)),
      '/v1/charges',
    );
  });

  // ----- refunds -----
  router.on('POST', '/v1/refunds', (req) => out(req, createRefund(req.sb, req.params)));
  router.on('GET', '/v1/refunds/:id', (req) => out(req, req.sb.store.require(req.args[0], 'refund', 'refund')));
  router.on('GET', '/v1/refunds', (req) => {
    const charge = str(req.params, 'charge');
    const pi = str(req.params, 'payment_intent');
    return outList(
      req,
      req.sb.store.all('refund', (r) => (!charge || r.charge === charge) && (!pi || r.payment_intent === pi)),
      '/v1/refunds',
    );
  });
  router.on('GET', '/v1/charges/:id/refunds', (req) => {
    const charge = req.sb.store.require(req.args[0], 'charge', 'charge');
    return outList(
      req,
      req.sb.store.all('refund', (r) => r.charge === charge.id),
      `/v1/charges/${charge.id}/refunds`,
    );
  });
}

function createRefund(sb: Sandbox, params: Obj): Obj {
  const chargeId = str(params, 'charge');
  const piId = str(params, 'payment_intent');
  if (!chargeId && !piId) throw errors.missing('charge');
  if (chargeId && piId) throw errors.badValue('payment_intent', 'You can only pass one of charge or payment_intent.');
  let charge: Obj;
  if (chargeId) charge = sb.store.require(chargeId, 'charge', 'charge');
  else {
    const pi = sb.store.require(piId, 'payment_intent', 'payment_intent');
    if (pi.status !== 'succeeded' || !pi.latest_charge)
      throw errors.state(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, 'payment_intent');
    charge = sb.store.require(pi.latest_charge, 'charge', 'payment_intent');
  }
  if (charge.status !== 'succeeded') throw errors.state(`Charge ${charge.id} has not succeeded and cannot be refunded.`, 'charge');
  const remaining = (charge.amount as number) - (charge.amount_refunded as number);
  if (remaining <= 0) throw errors.state(`Charge ${charge.id} has already been refunded.`, 'charge');
  const amount = int(params, 'amount', { min: 1 }) ?? remaining;
  if (amount > remaining) {
    throw errors.badValue('amount', `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`);
  }
  const reason = oneOf(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null;
  const refund = refundObject({
    created: sb.nowFor(charge.customer),
    amount,
    charge,
    reason,
    metadata: applyMetadata({}, params.metadata),
  });
  sb.store.put(refund);
  const before = sb.render(charge);
  charge.amount_refunded = (charge.amount_refunded as number) + amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  sb.store.put(charge);
  const after = sb.render(charge);
  sb.emit('charge.refunded', after, previousAttributes(before, after));
  sb.emit('refund.created', sb.render(refund));
  return refund;
}
