/** /v1/customers and /v1/payment_methods. */
import { previousAttributes, type Sandbox } from '../core.ts';
import { applyMetadata, clone, errors, str, type Obj } from '../protocol.ts';
import { customerObject } from '../objects.ts';
import { out, outList, type Router } from '../router.ts';

export function createCustomer(
  sb: Sandbox,
  p: {
    email?: string | null;
    name?: string | null;
    description?: string | null;
    phone?: string | null;
    metadata?: Obj;
    test_clock?: string | null;
  },
): Obj {
  const created = p.test_clock ? (sb.store.get(p.test_clock)!.frozen_time as number) : sb.realNow();
  const customer = customerObject({ ...p, created });
  sb.store.put(customer);
  sb.emit('customer.created', sb.render(customer));
  return customer;
}

export function installCustomers(router: Router): void {
  router.on('POST', '/v1/customers', (req) => {
    const { params, sb } = req;
    const clockId = str(params, 'test_clock');
    if (clockId) sb.store.require(clockId, 'test_helpers.test_clock', 'test_clock');
    const customer = createCustomer(sb, {
      email: str(params, 'email') ?? null,
      name: str(params, 'name') ?? null,
      description: str(params, 'description') ?? null,
      phone: str(params, 'phone') ?? null,
      metadata: applyMetadata({}, params.metadata),
      test_clock: clockId ?? null,
    });
    const pm = str(params, 'payment_method');
    if (pm) attachPaymentMethod(sb, pm, customer, 'payment_method');
    if (params.invoice_settings?.default_payment_method) {
      setDefaultPaymentMethod(sb, customer, params.invoice_settings.default_payment_method);
    }
    return out(req, customer);
  });

  router.on('GET', '/v1/customers/:id', (req) => {
    const o = req.sb.store.get(req.args[0]!);
    if (o?.object === 'customer' && o.deleted) return { id: o.id, object: 'customer', deleted: true };
    return out(req, req.sb.store.require(req.args[0], 'customer'));
  });

  router.on('POST', '/v1/customers/:id', (req) => {
    const { params, sb } = req;
    const customer = sb.store.require(req.args[0], 'customer');
    const before = clone(customer);
    for (const f of ['email', 'name', 'description', 'phone'] as const) {
      if (params[f] !== undefined) customer[f] = params[f] === '' ? null : str(params, f);
    }
    customer.metadata = applyMetadata(customer.metadata, params.metadata);
    const pm = str(params, 'payment_method');
    if (pm) attachPaymentMethod(sb, pm, customer, 'payment_method');
    if (params.invoice_settings?.default_payment_method !== undefined) {
      const id = params.invoice_settings.default_payment_method as string;
      if (id) sb.store.require(id, 'payment_method', 'invoice_settings[default_payment_method]');
      customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: id || null };
    }
    sb.store.put(customer);
    const prev = previousAttributes(before, customer);
    if (Object.keys(prev).length) sb.emit('customer.updated', sb.render(customer), prev);
    return out(req, customer);
  });

  router.on('GET', '/v1/customers', (req) => {
    const email = str(req.params, 'email');
    const clock = str(req.params, 'test_clock');
    const items = req.sb.store.all('customer', (c) => (!email || c.email === email) && (!clock || c.test_clock === clock));
    return outList(req, items, '/v1/customers');
  });

  router.on('DELETE', '/v1/customers/:id', (req) => {
    const { sb } = req;
    const customer = sb.store.require(req.args[0], 'customer');
    for (const sub of sb.store.all('subscription', (s) => s.customer === customer.id && s.status !== 'canceled')) {
      sub.status = 'canceled';
      sub.canceled_at = sb.nowFor(customer.id);
      sub.ended_at = sub.canceled_at;
      sb.store.put(sub);
      sb.emit('customer.subscription.deleted', sb.render(sub));
    }
    const snapshot = sb.render(customer);
    customer.deleted = true;
    sb.store.put(customer);
    sb.emit('customer.deleted', snapshot);
    return { id: customer.id, object: 'customer', deleted: true };
  });

  // ----- payment methods (read-only plus attach/detach; cards are created on the hosted pages) -----
  router.on('GET', '/v1/payment_methods/:id', (req) => out(req, req.sb.store.require(req.args[0], 'payment_method')));
  router.on('GET', '/v1/payment_methods', (req) => {
    const customer = str(req.params, 'customer');
    const items = req.sb.store.all('payment_method', (p) => !customer || p.customer === customer);
    return outList(req, items, '/v1/payment_methods');
  });
  router.on('GET', '/v1/customers/:id/payment_methods', (req) => {
    const customer = req.sb.store.require(req.args[0], 'customer');
    return outList(
      req,
      req.sb.store.all('payment_method', (p) => p.customer === customer.id),
      `/v1/customers/${customer.id}/payment_methods`,
    );
  });
  router.on('POST', '/v1/payment_methods/:id/attach', (req) => {
    const customer = req.sb.store.require(str(req.params, 'customer', { required: true }), 'customer', 'customer');
    return out(req, attachPaymentMethod(req.sb, req.args[0]!, customer, 'id'));
  });
  router.on('POST', '/v1/payment_methods/:id/detach', (req) => {
    const pm = req.sb.store.require(req.args[0], 'payment_method');
    if (!pm.customer) throw errors.state(`The payment method ${pm.id} is not attached to a customer.`);
    const previous = { customer: pm.customer };
    pm.customer = null;
    req.sb.store.put(pm);
    req.sb.emit('payment_method.detached', req.sb.render(pm), previous);
    return out(req, pm);
  });
}

export function attachPaymentMethod(sb: Sandbox, pmId: string, customer: Obj, param: string): Obj {
  const pm = sb.store.require(pmId, 'payment_method', param);
  if (pm.customer && pm.customer !== customer.id)
    throw errors.state(`The payment method ${pm.id} is already attached to another customer.`, param);
  if (pm.customer !== customer.id) {
    pm.customer = customer.id;
    sb.store.put(pm);
    sb.emit('payment_method.attached', sb.render(pm));
  }
  return pm;
}

export function setDefaultPaymentMethod(sb: Sandbox, customer: Obj, pmId: string): void {
  const before = clone(customer);
  customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: pmId };
  sb.store.put(customer);
  const prev = previousAttributes(before, customer);
  if (Object.keys(prev).length) sb.emit('customer.updated', sb.render(customer), prev);
}
