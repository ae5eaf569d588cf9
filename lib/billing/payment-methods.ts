/**
 * Which payment methods Checkout offers (issue 18), from CHECKOUT_PAYMENT_METHODS:
 * - `automatic` (the default): no filter. Stripe computes the methods per session from what the account
 *   has turned on in its Dashboard: cards, wallets (Apple Pay, Google Pay, Link ride on cards), and SEPA
 *   Direct Debit for EUR subscriptions when enabled.
 * - a list, e.g. `card` or `card,sepa_debit,paypal`: sent as Checkout's `allowed_payment_method_types`,
 *   a filter on that dynamic set. `sepa_debit` is dropped for other currencies than EUR (Stripe offers it
 *   for euros only); a list left empty falls back to cards.
 */
const TYPE = /^[a-z][a-z_]{1,39}$/;

export function parsePaymentMethodSetting(raw: string | undefined): 'automatic' | string[] {
  const v = raw?.trim().toLowerCase();
  if (!v || v === 'automatic') return 'automatic';
  const types = [
    ...new Set(
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  const bad = types.find((t) => !TYPE.test(t));
  if (bad || !types.length)
    throw new Error(
      `CHECKOUT_PAYMENT_METHODS must be "automatic" or payment method types separated by commas (e.g. "card,sepa_debit"); got "${raw}".`,
    );
  return types;
}

/** The `allowed_payment_method_types` filter for one Checkout session, or null for Stripe's automatic choice. */
export function allowedPaymentMethodTypes(currency: string, env: Record<string, string | undefined> = process.env): string[] | null {
  const setting = parsePaymentMethodSetting(env.CHECKOUT_PAYMENT_METHODS);
  if (setting === 'automatic') return null;
  const types = setting.filter((t) => t !== 'sepa_debit' || currency.toLowerCase() === 'eur');
  return types.length ? types : ['card'];
}
