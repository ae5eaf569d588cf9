/** /v1/subscriptions and /v1/subscription_items. */
import { previousAttributes, type Sandbox } from '../core.ts';
import { applyMetadata, bool, clone, errors, int, listOf, oneOf, str, type Obj } from '../protocol.ts';
import { planFromPrice } from '../objects.ts';
import { addPeriods, cancelSubscriptionNow, invoiceSubscription, subscriptionItems } from '../billing.ts';
import { out, outList, type Router } from '../router.ts';
import { applyPauseCollection } from './pause.ts';

export function installSubscriptions(router: Router, sb: Sandbox): void {
  sb.renderers.subscription_item = (stored, s) => {
    const o = clone(stored);
    const price = s.store.get(stored.price as string);
    if (price) {
      o.price = s.render(price);
      o.plan = planFromPrice(price);
    }
    return o;
  };
  sb.renderers.subscription = (stored, s) => {
    const o = clone(stored);
    const items = subscriptionItems(s, stored).map((si) => s.render(si));
    o.items = listOf(items, `/v1/subscription_items?subscription=${stored.id}`);
    o.items.total_count = items.length;
    return o;
  };

  router.on('GET', '/v1/subscriptions/:id', (req) =>
    out(req, req.sb.store.require(req.args[0], 'subscription', 'subscription_exposed_id')),
  );

  router.on('GET', '/v1/subscriptions', (req) => {
    const { params, sb: s } = req;
    const customer = str(params, 'customer');
    const status = str(params, 'status');
    const price = str(params, 'price');
    const clock = str(params, 'test_clock');
    const items = s.store.all(
      'subscription',
      (sub) =>
        (!customer || sub.customer === customer) &&
        (status === 'all' || (status ? sub.status === status : sub.status !== 'canceled')) &&
        (!clock || sub.test_clock === clock) &&
        (!price || subscriptionItems(s, sub).some((si) => si.price === price)),
    );
    return outList(req, items, '/v1/subscriptions');
  });

  router.on('POST', '/v1/subscriptions/:id', (req) => out(req, updateSubscription(req.sb, req.args[0]!, req.params)));

  router.on('DELETE', '/v1/subscriptions/:id', (req) => {
    const s = req.sb;
    const sub = s.store.require(req.args[0], 'subscription', 'subscription_exposed_id');
    if (sub.status === 'canceled') throw errors.state(`A canceled subscription can only update its cancellation_details and metadata.`);
    const details = typeof req.params.cancellation_details === 'object' ? (req.params.cancellation_details as Obj) : {};
    cancelSubscriptionNow(s, sub, 'cancellation_requested', str(details, 'comment') ?? null);
    return out(req, sub);
  });

  router.on('GET', '/v1/subscription_items/:id', (req) => out(req, req.sb.store.require(req.args[0], 'subscription_item')));
  router.on('GET', '/v1/subscription_items', (req) => {
    const sub = req.sb.store.require(str(req.params, 'subscription', { required: true }), 'subscription', 'subscription');
    return outList(req, subscriptionItems(req.sb, sub).reverse(), `/v1/subscription_items`);
  });
}

/** Subscription update as the API and the portal do it; emits one customer.subscription.updated. */
export function updateSubscription(sb: Sandbox, id: string, params: Obj): Obj {
  const sub = sb.store.require(id, 'subscription', 'subscription_exposed_id');
  const before = sb.render(sub);
  oneOf(params, 'proration_behavior', ['create_prorations', 'none', 'always_invoice'] as const);
  oneOf(params, 'payment_behavior', ['allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'] as const);
  if (sub.status === 'canceled') {
    const allowed = ['metadata', 'cancellation_details', 'expand'];
    const bad = Object.keys(params).find((k) => !allowed.includes(k));
    if (bad) throw errors.state('A canceled subscription can only update its cancellation_details and metadata.', bad);
  }
  const now = sb.nowFor(sub.customer);
  const items = subscriptionItems(sb, sub);
  const periodEnd = items[0]?.current_period_end as number;

  const cape = bool(params, 'cancel_at_period_end');
  if (cape !== undefined && cape !== sub.cancel_at_period_end) {
    sub.cancel_at_period_end = cape;
    sub.cancel_at = cape ? periodEnd : null;
    sub.canceled_at = cape ? now : null;
    if (!cape) sub.cancellation_details = { comment: null, feedback: null, reason: null };
  }
  if (params.cancel_at !== undefined) {
    const at = params.cancel_at === '' ? null : int(params, 'cancel_at');
    sub.cancel_at = at ?? null;
    sub.cancel_at_period_end = at !== null && at === periodEnd;
    sub.canceled_at = at === null ? null : now;
  }
  if (typeof params.cancellation_details === 'object' && params.cancellation_details) {
    const cd = params.cancellation_details as Obj;
    sub.cancellation_details = {
      ...sub.cancellation_details,
      comment: cd.comment !== undefined ? cd.comment || null : sub.cancellation_details.comment,
      feedback: cd.feedback !== undefined ? cd.feedback || null : sub.cancellation_details.feedback,
      reason: sub.cancel_at ? 'cancellation_requested' : sub.cancellation_details.reason,
    };
  }
  sub.metadata = applyMetadata(sub.metadata, params.metadata);
  applyPauseCollection(sb, sub, params);
  if (params.description !== undefined) sub.description = str(params, 'description') ?? null;
  const dpm = str(params, 'default_payment_method');
  if (dpm) {
    const pm = sb.store.require(dpm, 'payment_method', 'default_payment_method');
    if (pm.customer !== sub.customer)
      throw errors.state(`The customer does not have a payment method with the ID ${dpm}.`, 'default_payment_method');
    sub.default_payment_method = dpm;
  }

  let resetPeriod = false;
  if (params.items !== undefined) {
    if (!Array.isArray(params.items)) throw errors.badValue('items', 'Invalid array');
    (params.items as Obj[]).forEach((it, i) => {
      const p = `items[${i}]`;
      const siId = str(it, 'id', { param: `${p}[id]` });
      if (!siId)
        throw errors.badValue(
          `${p}[id]`,
          'Adding items to a subscription is not supported by the local Stripe stand-in; pass items[0][id] with items[0][price] to switch price.',
        );
      const si = items.find((x) => x.id === siId);
      if (!si) throw errors.notFound('subscription_item', siId, `${p}[id]`);
      const priceId = str(it, 'price', { param: `${p}[price]` });
      if (priceId && priceId !== si.price) {
        const price = sb.store.require(priceId, 'price', `${p}[price]`);
        if (!price.active) throw errors.badValue(`${p}[price]`, 'The price specified is inactive. This field only accepts active prices.');
        if (!price.recurring) throw errors.badValue(`${p}[price]`, 'The price specified is not recurring.');
        if (price.currency !== sub.currency)
          throw errors.badValue(
            `${p}[price]`,
            `The price specified uses currency \`${price.currency}\` but this subscription uses \`${sub.currency}\`.`,
          );
        const old = sb.store.get(si.price)!;
        if (old.recurring.interval !== price.recurring.interval || old.recurring.interval_count !== price.recurring.interval_count)
          resetPeriod = true;
        si.price = price.id;
      }
      const q = int(it, 'quantity', { min: 1, param: `${p}[quantity]` });
      if (q !== undefined) si.quantity = q;
      si.metadata = applyMetadata(si.metadata, it.metadata, `${p}[metadata]`);
      sb.store.put(si);
    });
  }

  if (resetPeriod && sub.status !== 'canceled') {
    // Changing the billing interval resets the billing cycle anchor and invoices immediately (as Stripe does).
    for (const si of items) {
      const price = sb.store.get(si.price)!;
      si.current_period_start = now;
      si.current_period_end = addPeriods(now, price.recurring.interval, price.recurring.interval_count, 1);
      sb.store.put(si);
    }
    sub.billing_cycle_anchor = now;
    sb.store.put(sub, { anchor: now, periodIndex: 0 });
    invoiceSubscription(sb, sub, 'subscription_update', {
      beforeCreatedEvent: () => sb.emit('customer.subscription.updated', sb.render(sub), previousAttributes(before, sb.render(sub))),
    });
    return sub;
  }
  sb.store.put(sub);
  const prev = previousAttributes(before, sb.render(sub));
  if (Object.keys(prev).length) sb.emit('customer.subscription.updated', sb.render(sub), prev);
  return sub;
}
