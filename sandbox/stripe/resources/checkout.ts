/** /v1/checkout/sessions and the completion of a hosted checkout. */
import type { Sandbox } from '../core.ts';
import { applyMetadata, clone, errors, int, listOf, newId, oneOf, paginate, str, type Obj } from '../protocol.ts';
import { paymentMethodObject, TEST_CARDS } from '../objects.ts';
import { cardFailure, chargeCard, createSubscription, emitChargeEvents } from '../billing.ts';
import { out, outList, type Router } from '../router.ts';
import { createPrice } from './catalog.ts';
import { attachPaymentMethod, createCustomer } from './customers.ts';
import { SEPA_TEST_IBANS, sepaPaymentMethodObject, type SepaInput } from '../sepa.ts';

export interface CardInput {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
  name: string | null;
  email: string | null;
}

/** The languages Stripe Checkout's hosted page speaks (the SDK's SessionCreateParams.Locale); anything else is refused, as by Stripe. */
export const CHECKOUT_LOCALES = [
  'auto',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-GB',
  'es',
  'es-419',
  'et',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'hi-IN',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'ms',
  'mt',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'vi',
  'zh',
  'zh-HK',
  'zh-TW',
] as const;

interface StoredLineItem {
  id: string;
  price: string;
  quantity: number;
}

function lineItemObject(sb: Sandbox, li: StoredLineItem): Obj {
  const price = sb.store.get(li.price)!;
  const product = sb.store.get(price.product as string);
  const amount = (price.unit_amount as number) * li.quantity;
  return {
    id: li.id,
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description: product?.name ?? null,
    metadata: {},
    price: sb.render(price),
    quantity: li.quantity,
  };
}

export function sessionLineItems(sb: Sandbox, session: Obj): Obj[] {
  const items = (sb.store.meta(session.id).lineItems as StoredLineItem[] | undefined) ?? [];
  return items.map((li) => lineItemObject(sb, li));
}

export function installCheckout(router: Router, sb: Sandbox): void {
  sb.virtuals['checkout.session'] = {
    line_items: (rendered, s) => listOf(sessionLineItems(s, rendered), `/v1/checkout/sessions/${rendered.id}/line_items`),
  };
  sb.renderers['checkout.session'] = (stored, s) => {
    // Sessions expire lazily when read after expires_at.
    if (stored.status === 'open' && (stored.expires_at as number) < s.realNow()) expireSession(s, stored);
    return clone(stored);
  };

  router.on('POST', '/v1/checkout/sessions', (req) => out(req, createSession(req.sb, req.params)));
  router.on('GET', '/v1/checkout/sessions/:id', (req) => out(req, req.sb.store.require(req.args[0], 'checkout.session', 'session')));
  router.on('GET', '/v1/checkout/sessions', (req) => {
    const { params } = req;
    const customer = str(params, 'customer');
    const pi = str(params, 'payment_intent');
    const subscription = str(params, 'subscription');
    const status = str(params, 'status');
    const items = req.sb.store.all(
      'checkout.session',
      (s) =>
        (!customer || s.customer === customer) &&
        (!pi || s.payment_intent === pi) &&
        (!subscription || s.subscription === subscription) &&
        (!status || s.status === status),
    );
    return outList(req, items, '/v1/checkout/sessions');
  });
  router.on('GET', '/v1/checkout/sessions/:id/line_items', (req) => {
    const session = req.sb.store.require(req.args[0], 'checkout.session', 'session');
    const items = sessionLineItems(req.sb, session);
    return req.sb.expand(paginate(items, req.params, `/v1/checkout/sessions/${session.id}/line_items`), req.expand);
  });
  router.on('POST', '/v1/checkout/sessions/:id/expire', (req) => {
    const session = req.sb.store.require(req.args[0], 'checkout.session', 'session');
    if (session.status !== 'open')
      throw errors.state(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
      );
    expireSession(req.sb, session);
    return out(req, session);
  });
}

function expireSession(sb: Sandbox, session: Obj): void {
  session.status = 'expired';
  session.url = null;
  sb.store.put(session);
  sb.emit('checkout.session.expired', clone(session));
}

function createSession(sb: Sandbox, params: Obj): Obj {
  const mode = oneOf(params, 'mode', ['payment', 'subscription', 'setup'] as const, { required: true })!;
  if (mode === 'setup') throw errors.badValue('mode', 'mode=setup is not supported by the local Stripe stand-in.');
  const customerId = str(params, 'customer');
  const customer = customerId ? sb.store.require(customerId, 'customer', 'customer') : null;
  const customerEmail = str(params, 'customer_email');
  if (customer && customerEmail)
    throw errors.badValue('customer_email', 'You may only specify one of these parameters: customer, customer_email.');
  const rawItems = params.line_items;
  if (rawItems === undefined || rawItems === '') throw errors.missing('line_items');
  if (!Array.isArray(rawItems) || rawItems.length === 0) throw errors.badValue('line_items', 'line_items must be a non-empty array.');
  const lineItems: StoredLineItem[] = [];
  let currency: string | null = null;
  let total = 0;
  rawItems.forEach((raw: Obj, i: number) => {
    const p = `line_items[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw errors.badValue(p, 'Invalid object');
    const quantity = int(raw, 'quantity', { min: 1, param: `${p}[quantity]` }) ?? 1;
    let price: Obj;
    const priceId = str(raw, 'price', { param: `${p}[price]` });
    if (priceId) {
      price = sb.store.require(priceId, 'price', `${p}[price]`);
      if (!price.active) throw errors.badValue(`${p}[price]`, `The price specified is inactive. This field only accepts active prices.`);
    } else if (raw.price_data && typeof raw.price_data === 'object') {
      price = createPrice(sb, raw.price_data, { param: `${p}[price_data]`, inline: true });
    } else {
      throw errors.missing(`${p}[price]`);
    }
    if (mode === 'subscription' && !price.recurring) {
      // Stripe allows one-time items next to recurring ones, but at least one must recur.
    }
    if (mode === 'payment' && price.recurring) {
      throw errors.badValue(
        `${p}[price]`,
        'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.',
      );
    }
    if (currency && currency !== price.currency) throw errors.badValue(`${p}[price]`, 'All prices must be in the same currency.');
    currency = price.currency as string;
    total += (price.unit_amount as number) * quantity;
    lineItems.push({ id: newId('li'), price: price.id, quantity });
  });
  if (mode === 'subscription' && !lineItems.some((li) => sb.store.get(li.price)!.recurring)) {
    throw errors.badValue('line_items', 'You must provide at least one recurring price in `subscription` mode when using prices.');
  }
  const methods = paymentMethodTypes(params, mode, currency!);
  const locale = oneOf(params, 'locale', CHECKOUT_LOCALES) ?? null;
  const now = sb.realNow();
  const id = newId('cs');
  const customerCreation = customer
    ? null
    : mode === 'subscription'
      ? 'always'
      : (oneOf(params, 'customer_creation', ['always', 'if_required'] as const) ?? 'if_required');
  const session: Obj = {
    id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: params.allow_promotion_codes === 'true' ? true : null,
    allowed_payment_method_types: methods.allowed,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: str(params, 'billing_address_collection') ?? null,
    cancel_url: str(params, 'cancel_url') ?? null,
    client_reference_id: str(params, 'client_reference_id') ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customer?.id ?? null,
    customer_account: null,
    customer_creation: customerCreation,
    customer_details: customer
      ? {
          address: null,
          business_name: null,
          email: customer.email,
          individual_name: null,
          name: customer.name,
          phone: null,
          tax_exempt: 'none',
          tax_ids: [],
        }
      : null,
    customer_email: customerEmail ?? null,
    discounts: [],
    expires_at: int(params, 'expires_at') ?? now + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation:
      mode === 'payment'
        ? {
            enabled: false,
            invoice_data: {
              account_tax_ids: null,
              custom_fields: null,
              description: null,
              footer: null,
              issuer: null,
              metadata: {},
              rendering_options: null,
            },
          }
        : null,
    livemode: false,
    locale,
    managed_payments: { enabled: false },
    metadata: applyMetadata({}, params.metadata),
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'always',
    payment_method_configuration_details: null,
    payment_method_options: { card: { request_three_d_secure: 'automatic' } },
    payment_method_types: methods.types,
    payment_status: 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: str(params, 'success_url') ?? null,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${sb.publicUrl}/checkout/${id}`,
    wallet_options: null,
  };
  const subscriptionData =
    typeof params.subscription_data === 'object' && params.subscription_data ? (params.subscription_data as Obj) : {};
  const paymentIntentData =
    typeof params.payment_intent_data === 'object' && params.payment_intent_data ? (params.payment_intent_data as Obj) : {};
  sb.store.put(session, {
    lineItems,
    subscriptionMetadata: applyMetadata({}, subscriptionData.metadata, 'subscription_data[metadata]'),
    subscriptionDescription: str(subscriptionData, 'description') ?? null,
    paymentIntentMetadata: applyMetadata({}, paymentIntentData.metadata, 'payment_intent_data[metadata]'),
    paymentIntentDescription: str(paymentIntentData, 'description') ?? null,
  });
  return session;
}

/** The success redirect with `{CHECKOUT_SESSION_ID}` filled in. */
export function successRedirect(session: Obj, publicUrl: string): string {
  const url = (session.success_url as string | null) ?? `${publicUrl}/checkout/${session.id}`;
  return url.split('{CHECKOUT_SESSION_ID}').join(session.id as string);
}

/**
 * Pays an open session with a test card. Throws a 402 card error (nothing created) on a decline.
 * Events: customer.created (if new), checkout.session.completed, then the billing events.
 */
export function completeCheckout(sb: Sandbox, session: Obj, input: CardInput | SepaInput): Obj {
  if (session.status !== 'open') throw errors.state(`This Checkout Session is ${session.status}.`);
  const sepa = 'kind' in input && input.kind === 'sepa_debit' ? input : null;
  const card = sepa ? null : (input as CardInput);
  if (sepa && !(session.payment_method_types as string[]).includes('sepa_debit'))
    throw errors.state('This Checkout Session does not accept SEPA Direct Debit.');
  const behaviour = card ? TEST_CARDS[card.number]?.behaviour : undefined;
  const failure = card ? cardFailure(behaviour, true) : null;
  if (failure) throw errors.card(failure.decline_code, failure.message, failure.code);
  const meta = sb.store.meta(session.id);
  sb.collect(() => {
    let customer: Obj | null = session.customer ? sb.store.require(session.customer, 'customer') : null;
    const email = (customer?.email as string | null) ?? session.customer_email ?? input.email;
    if (!customer && session.customer_creation === 'always') {
      customer = createCustomer(sb, { email, name: input.name });
    }
    let pm: Obj;
    if (sepa) {
      pm = sepaPaymentMethodObject({ created: sb.nowFor(customer?.id), iban: sepa.iban, name: sepa.name, email });
      sb.store.put(pm, { iban: sepa.iban, behaviour: SEPA_TEST_IBANS[sepa.iban] ?? 'sepa_ok' });
    } else {
      pm = paymentMethodObject({
        created: sb.nowFor(customer?.id),
        number: card!.number,
        exp_month: card!.exp_month,
        exp_year: card!.exp_year,
        name: card!.name,
        email,
      });
      sb.store.put(pm, { number: card!.number, behaviour: behaviour ?? 'ok' });
    }
    if (customer) attachPaymentMethod(sb, pm.id, customer, 'payment_method');
    session.customer = customer?.id ?? null;
    session.customer_details = {
      address: { city: null, country: 'US', line1: null, line2: null, postal_code: null, state: null },
      business_name: null,
      email,
      individual_name: null,
      name: input.name,
      phone: null,
      tax_exempt: 'none',
      tax_ids: [],
    };
    if (session.mode === 'subscription') {
      const items = (meta.lineItems as StoredLineItem[]).map((li) => ({ price: sb.store.get(li.price)!, quantity: li.quantity }));
      const { subscription, invoice } = createSubscription(sb, {
        customer: customer!,
        items,
        metadata: (meta.subscriptionMetadata as Obj) ?? {},
        pmId: pm.id,
        description: (meta.subscriptionDescription as string | null) ?? null,
      });
      session.subscription = subscription.id;
      session.invoice = invoice.id;
      // A SEPA debit is still processing here (it settles later): the subscription is active meanwhile.
      if (!sepa && sb.store.get(invoice.id)!.status !== 'paid') throw errors.card('generic_decline', 'Your card was declined.');
    } else {
      const result = chargeCard(sb, {
        amount: session.amount_total,
        currency: session.currency,
        customer: customer?.id ?? null,
        pmId: pm.id,
        description: (meta.paymentIntentDescription as string | null) ?? null,
        metadata: (meta.paymentIntentMetadata as Obj) ?? {},
      });
      session.payment_intent = result.paymentIntent.id;
      emitChargeEvents(sb, result);
    }
    session.status = 'complete';
    session.payment_status = 'paid';
    session.url = null;
    sb.store.put(session);
    sb.emit('checkout.session.completed', sb.render(session));
  }, ['customer.created', 'checkout.session.completed']);
  return session;
}

/**
 * Which payment methods a session offers. As in Stripe's current API, the methods are computed
 * dynamically (what the account has turned on that fits the session) and `allowed_payment_method_types[]`
 * only filters them. This stand-in's account has cards (wallets ride on cards) and SEPA Direct Debit,
 * which fits EUR subscriptions only (sepa.ts). A filter naming nothing offered is refused.
 */
function paymentMethodTypes(params: Obj, mode: string, currency: string): { types: string[]; allowed: string[] | null } {
  const eligible = ['card', ...(currency === 'eur' && mode === 'subscription' ? ['sepa_debit'] : [])];
  const raw = params.allowed_payment_method_types;
  if (raw === undefined || raw === '') return { types: eligible, allowed: null };
  if (!Array.isArray(raw) || raw.length === 0 || raw.some((t) => typeof t !== 'string' || !/^[a-z_]{2,40}$/.test(t))) {
    throw errors.badValue(
      'allowed_payment_method_types',
      'allowed_payment_method_types must be a non-empty array of payment method types.',
    );
  }
  const allowed = [...new Set(raw as string[])];
  const types = eligible.filter((t) => allowed.includes(t));
  if (!types.length)
    throw errors.badValue(
      'allowed_payment_method_types',
      `None of the allowed payment method types (${allowed.join(', ')}) can be used for this session (${currency}, ${mode}).`,
    );
  return { types, allowed };
}
