/**
 * Builders for every object the stand-in returns, shaped after Stripe's own examples
 * (fixtures3.json) and the stripe-node types. Values are what Stripe would return
 * in test mode for this state; `null` where Stripe's field is nullable and unset.
 */
import { newId, randomString, type Obj } from './protocol.ts';

const nullAddress = () => ({ city: null, country: null, line1: null, line2: null, postal_code: null, state: null });

export function customerObject(p: {
  created: number;
  email?: string | null;
  name?: string | null;
  description?: string | null;
  phone?: string | null;
  metadata?: Obj;
  test_clock?: string | null;
}): Obj {
  return {
    id: newId('cus'),
    object: 'customer',
    address: null,
    balance: 0,
    created: p.created,
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: p.description ?? null,
    discount: null,
    email: p.email ?? null,
    invoice_prefix: randomString(8, '0123456789ABCDEF'),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: p.metadata ?? {},
    name: p.name ?? null,
    next_invoice_sequence: 1,
    phone: p.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: p.test_clock ?? null,
  };
}

export function productObject(p: {
  created: number;
  name: string;
  description?: string | null;
  metadata?: Obj;
  active?: boolean;
  id?: string;
}): Obj {
  return {
    id: p.id ?? newId('prod'),
    object: 'product',
    active: p.active ?? true,
    created: p.created,
    default_price: null,
    description: p.description ?? null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: p.metadata ?? {},
    name: p.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: p.created,
    url: null,
  };
}

export function priceObject(p: {
  created: number;
  product: string;
  currency: string;
  unit_amount: number;
  recurring?: { interval: string; interval_count: number } | null;
  nickname?: string | null;
  lookup_key?: string | null;
  metadata?: Obj;
  active?: boolean;
}): Obj {
  return {
    id: newId('price'),
    object: 'price',
    active: p.active ?? true,
    billing_scheme: 'per_unit',
    created: p.created,
    currency: p.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: p.lookup_key ?? null,
    metadata: p.metadata ?? {},
    nickname: p.nickname ?? null,
    product: p.product,
    recurring: p.recurring
      ? {
          interval: p.recurring.interval,
          interval_count: p.recurring.interval_count,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: p.recurring ? 'recurring' : 'one_time',
    unit_amount: p.unit_amount,
    unit_amount_decimal: String(p.unit_amount),
  };
}

/** The legacy `plan` view of a recurring price (still embedded in subscription items). */
export function planFromPrice(price: Obj): Obj | null {
  if (!price.recurring) return null;
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring.interval,
    interval_count: price.recurring.interval_count,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}

export const TEST_CARDS: Record<
  string,
  { brand: string; funding: string; country: string; behaviour: 'ok' | 'fail_later' | 'insufficient_funds' | 'generic_decline' }
> = {
  '4242424242424242': { brand: 'visa', funding: 'credit', country: 'US', behaviour: 'ok' },
  '4000056655665556': { brand: 'visa', funding: 'debit', country: 'US', behaviour: 'ok' },
  '5555555555554444': { brand: 'mastercard', funding: 'credit', country: 'US', behaviour: 'ok' },
  '4000000000000341': { brand: 'visa', funding: 'credit', country: 'US', behaviour: 'fail_later' },
  '4000000000009995': { brand: 'visa', funding: 'credit', country: 'US', behaviour: 'insufficient_funds' },
  '4000000000000002': { brand: 'visa', funding: 'credit', country: 'US', behaviour: 'generic_decline' },
};

export function paymentMethodObject(p: {
  created: number;
  number: string;
  exp_month: number;
  exp_year: number;
  name?: string | null;
  email?: string | null;
  customer?: string | null;
}): Obj {
  const card = TEST_CARDS[p.number] ?? { brand: 'visa', funding: 'credit', country: 'US' };
  return {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: nullAddress(), email: p.email ?? null, name: p.name ?? null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: card.country,
      display_brand: card.brand,
      exp_month: p.exp_month,
      exp_year: p.exp_year,
      fingerprint: fingerprint(p.number),
      funding: card.funding,
      generated_from: null,
      last4: p.number.slice(-4),
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: p.created,
    customer: p.customer ?? null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

function fingerprint(number: string): string {
  let h = 0;
  for (const c of number) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return ('Fp' + h.toString(36) + 'x'.repeat(16)).slice(0, 16);
}

export function paymentIntentObject(p: {
  created: number;
  amount: number;
  currency: string;
  customer: string | null;
  description?: string | null;
  metadata?: Obj;
  payment_method: string | null;
}): Obj {
  const id = newId('pi');
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: p.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${randomString(25)}`,
    confirmation_method: 'automatic',
    created: p.created,
    currency: p.currency,
    customer: p.customer,
    customer_account: null,
    description: p.description ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: { enabled: false },
    metadata: p.metadata ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: p.payment_method,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
}

export function chargeObject(p: {
  created: number;
  amount: number;
  currency: string;
  customer: string | null;
  payment_intent: string;
  pm: Obj;
  description?: string | null;
  metadata?: Obj;
  failure?: { code: string; decline_code: string; message: string } | null;
  publicUrl: string;
}): Obj {
  const id = newId('ch');
  const card = p.pm.card as Obj;
  const failed = !!p.failure;
  return {
    id,
    object: 'charge',
    amount: p.amount,
    amount_captured: failed ? 0 : p.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: failed ? null : newId('txn'),
    billing_details: p.pm.billing_details,
    calculated_statement_descriptor: 'PATRONAGE',
    captured: !failed,
    created: p.created,
    currency: p.currency,
    customer: p.customer,
    description: p.description ?? null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: p.failure?.code ?? null,
    failure_message: p.failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: p.metadata ?? {},
    on_behalf_of: null,
    outcome: failed
      ? {
          advice_code: 'try_again_later',
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'declined_by_network',
          reason: p.failure!.decline_code,
          risk_level: 'normal',
          risk_score: 30,
          seller_message: 'The bank returned the decline code `' + p.failure!.decline_code + '`.',
          type: 'issuer_declined',
        }
      : {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'approved_by_network',
          reason: null,
          risk_level: 'normal',
          risk_score: 20,
          seller_message: 'Payment complete.',
          type: 'authorized',
        },
    paid: !failed,
    payment_intent: p.payment_intent,
    payment_method: p.pm.id,
    payment_method_details: {
      card: {
        amount_authorized: failed ? null : p.amount,
        authorization_code: failed ? null : randomString(6, '0123456789'),
        brand: card.brand,
        checks: card.checks,
        country: card.country,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        extended_authorization: { status: 'disabled' },
        fingerprint: card.fingerprint,
        funding: card.funding,
        incremental_authorization: { status: 'unavailable' },
        installments: null,
        last4: card.last4,
        mandate: null,
        multicapture: { status: 'unavailable' },
        network: card.brand,
        network_token: { used: false },
        network_transaction_id: randomString(15, '0123456789'),
        overcapture: { maximum_amount_capturable: p.amount, status: 'unavailable' },
        regulated_status: 'unregulated',
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: null,
    receipt_number: null,
    receipt_url: `${p.publicUrl}/receipts/${id}`,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${id}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: failed ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}

export function refundObject(p: { created: number; amount: number; charge: Obj; reason?: string | null; metadata?: Obj }): Obj {
  return {
    id: newId('re'),
    object: 'refund',
    amount: p.amount,
    balance_transaction: newId('txn'),
    charge: p.charge.id,
    created: p.created,
    currency: p.charge.currency,
    customer: p.charge.customer,
    customer_account: null,
    destination_details: {
      card: {
        reference: randomString(12, '0123456789'),
        reference_status: 'available',
        reference_type: 'acquirer_reference_number',
        type: 'refund',
      },
      type: 'card',
    },
    metadata: p.metadata ?? {},
    payment_intent: p.charge.payment_intent,
    payment_method: p.charge.payment_method,
    reason: p.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

export function invoiceObject(p: {
  id: string;
  created: number;
  customer: Obj;
  currency: string;
  billing_reason: string;
  subscription: Obj | null;
  lines: Obj[];
  period_start: number;
  period_end: number;
}): Obj {
  const total = p.lines.reduce((s, l) => s + (l.amount as number), 0);
  return {
    id: p.id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Patronage (local Stripe stand-in)',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: p.billing_reason,
    collection_method: 'charge_automatically',
    created: p.created,
    currency: p.currency,
    custom_fields: null,
    customer: p.customer.id,
    customer_account: null,
    customer_address: p.customer.address ?? null,
    customer_email: p.customer.email ?? null,
    customer_name: p.customer.name ?? null,
    customer_phone: p.customer.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: p.lines, has_more: false, url: `/v1/invoices/${p.id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: p.subscription
      ? {
          quote_details: null,
          subscription_details: { metadata: p.subscription.metadata ?? {}, subscription: p.subscription.id },
          type: 'subscription_details',
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: p.period_end,
    period_start: p.period_start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: p.customer.test_clock ?? null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
}

export function invoiceLineObject(p: {
  invoice: string;
  price: Obj;
  product: Obj;
  quantity: number;
  subscription: string | null;
  subscription_item: string | null;
  period: { start: number; end: number };
}): Obj {
  const amount = (p.price.unit_amount as number) * p.quantity;
  const interval = p.price.recurring ? ` / ${p.price.recurring.interval}` : '';
  return {
    id: newId('il'),
    object: 'line_item',
    amount,
    currency: p.price.currency,
    description: `${p.quantity} × ${p.product.name} (at ${formatMoney(p.price.unit_amount, p.price.currency)}${interval})`,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: p.invoice,
    livemode: false,
    metadata: {},
    parent: p.subscription
      ? {
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: null,
            proration: false,
            proration_details: { credited_items: null },
            subscription: p.subscription,
            subscription_item: p.subscription_item,
          },
          type: 'subscription_item_details',
        }
      : null,
    period: p.period,
    pretax_credit_amounts: [],
    pricing: {
      price_details: { price: p.price.id, product: p.product.id },
      type: 'price_details',
      unit_amount_decimal: p.price.unit_amount_decimal,
    },
    quantity: p.quantity,
    quantity_decimal: String(p.quantity),
    subscription: p.subscription,
    subtotal: amount,
    taxes: [],
  };
}

export function invoicePaymentObject(p: { created: number; invoice: Obj; payment_intent: string }): Obj {
  return {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: null,
    amount_requested: p.invoice.amount_due,
    created: p.created,
    currency: p.invoice.currency,
    invoice: p.invoice.id,
    is_default: true,
    livemode: false,
    payment: { payment_intent: p.payment_intent, type: 'payment_intent' },
    status: 'open',
    status_transitions: { canceled_at: null, paid_at: null },
  };
}

export function subscriptionObject(p: {
  created: number;
  customer: Obj;
  currency: string;
  metadata: Obj;
  default_payment_method: string | null;
  description?: string | null;
}): Obj {
  return {
    id: newId('sub'),
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: p.created,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: { proration_discounts: 'included' }, type: 'flexible', updated_at: p.created },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    created: p.created,
    currency: p.currency,
    customer: p.customer.id,
    customer_account: null,
    days_until_due: null,
    default_payment_method: p.default_payment_method,
    default_source: null,
    default_tax_rates: [],
    description: p.description ?? null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: 'self' } },
    // `items` is composed at render time from the subscription_item objects.
    latest_invoice: null,
    livemode: false,
    managed_payments: { enabled: false },
    metadata: p.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: p.created,
    status: 'active',
    test_clock: p.customer.test_clock ?? null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
}

export function subscriptionItemObject(p: {
  created: number;
  subscription: string;
  price: string;
  quantity: number;
  period_start: number;
  period_end: number;
  metadata?: Obj;
}): Obj {
  return {
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created: p.created,
    current_period_end: p.period_end,
    current_period_start: p.period_start,
    current_trial: null,
    discounts: [],
    metadata: p.metadata ?? {},
    // `price` (an id here) and `plan` are expanded at render time.
    price: p.price,
    quantity: p.quantity,
    subscription: p.subscription,
    tax_rates: [],
  };
}

export function formatMoney(amount: number, currency: string): string {
  const zeroDecimal = ['jpy', 'krw', 'vnd', 'clp', 'isk', 'ugx', 'xaf', 'xof'].includes(currency.toLowerCase());
  const value = zeroDecimal ? amount : amount / 100;
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(value);
  } catch {
    return `${value.toFixed(zeroDecimal ? 0 : 2)} ${currency.toUpperCase()}`;
  }
}
