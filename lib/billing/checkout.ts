/**
 * Starting a Stripe Checkout: everything the browser sends is re-validated against the database here
 * (tier, price, currency, interval, custom amount), one Stripe customer per user, and a Checkout row
 * with the attribution (article, placement, topic round) is stored.
 */
import { runningCampaignId } from '@/lib/campaigns/campaigns';
import { isUniqueViolation } from '@/lib/db/errors';
import { z } from 'zod';
import type Stripe from 'stripe';
import { getDb, getSql, type Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { siteUrl } from '@/lib/config/site';
import { formatMoney, formatRecurring } from '@/lib/format/money';
import { billingCurrencies, MAX_AMOUNT, oneOffMinimum } from './config';
import { getStripe } from './stripe';
import { patronStatus, testClocksEnabled } from './patron-status';
import { parseMajorAmount } from './tiers';
import { parseSupportParams } from '@/lib/articles/support-links';
import { DomainError } from '@/lib/errors/domain-error';
import { newClaim, picksFromMetadata, recordGuestCheckout } from './pay-first';
import { allowedPaymentMethodTypes } from './payment-methods';
import { stripeCheckoutLocale } from './stripe-locale';
import { localized } from '@/lib/i18n/content';
import { DEFAULT_LOCALE, LOCALES, localePath, toLocale, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';

export class CheckoutError extends DomainError {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super({ code: 'CHECKOUT_REFUSED', status: 400, message, fieldErrors: field ? { [field]: message } : {} });
  }
}

/**
 * The sentences below are keys of the `membership.errors` catalogue: parseCheckoutRequest says them
 * in the reader's language (the form's `locale` field).
 */
/** Amounts arrive as minor-unit integers (JSON) or "5.00"-style strings (forms). */
const amountField = z
  .union([z.number(), z.string()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    const n = typeof v === 'number' ? v : parseMajorAmount(v);
    if (n === null) return undefined;
    if (!Number.isInteger(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', message: 'amountFormat' });
      return z.NEVER;
    }
    if (n > MAX_AMOUNT) {
      ctx.addIssue({ code: 'custom', message: 'amountTooLarge' });
      return z.NEVER;
    }
    return n;
  });

export const checkoutRequestSchema = z.object({
  mode: z.enum(['subscription', 'payment'], { error: 'mode' }).default('subscription'),
  tierId: z.string().trim().min(1).max(64).optional(),
  currency: z
    .string({ error: 'currency' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/, { error: 'currency' }),
  interval: z.enum(['MONTH', 'YEAR'], { error: 'intervalField' }).optional(),
  /** Pay-what-you-want amount (subscriptions) or the one-off amount. */
  customAmount: amountField,
  /** The listed amount the page showed: if it doesn't match the database the page is stale or tampered with. */
  amount: amountField,
  from: z.string().trim().max(200).optional(),
  placement: z.string().trim().max(60).optional(),
  /** The topic round whose call brought the reader: a round slug (anything else is ignored). */
  round: z.string().trim().max(200).optional(),
  /** Pay first: topic ids a reader who is not signed in picked before paying (comma-separated; at most 10 are kept). */
  picks: z.string().trim().max(700).optional(),
  /** A referral code from /r/<code> or /support?ref=<code> (anything malformed is ignored). */
  ref: z.string().trim().max(40).optional(),
  /** The reader's language: error sentences, the pages Stripe sends them back to, and Checkout's own language. */
  locale: z.enum(LOCALES).catch(DEFAULT_LOCALE),
});

export type CheckoutRequest = z.input<typeof checkoutRequestSchema>;
export type CheckoutUser = { id: string; email: string; name?: string | null };
export type CheckoutResult = { url: string; sessionId: string; claimSecret?: string } | { redirect: string };

export function parseCheckoutRequest(input: unknown) {
  const r = checkoutRequestSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const t = checkoutErrors(toLocale((input as { locale?: unknown } | null)?.locale));
    const key = issue.message as Parameters<typeof t>[0];
    throw new CheckoutError(t.has(key) ? t(key) : issue.message, issue.path.join('.') || undefined);
  }
  return r.data;
}

/** The checkout refusals in the reader's language. */
export function checkoutErrors(locale: Locale) {
  // i18n-keys: membership.errors.amountFormat membership.errors.amountTooLarge membership.errors.mode membership.errors.currency membership.errors.intervalField
  return translator(locale, 'membership.errors');
}

/** The user's Stripe customer, created on first use. Race-safe: the unique constraint decides, the loser's customer is deleted. */
export async function ensureCustomer(user: CheckoutUser): Promise<string> {
  const db = await getDb();
  const existing = await db.stripeCustomer.findUnique({ where: { userId: user.id } });
  if (existing) return existing.customerId;
  const stripe = getStripe();
  // Test mode only (local stand-in + STRIPE_TEST_CLOCKS=1): each new customer gets its own test clock,
  // so tests can move that customer's time (renewals, failed payments, grace periods).
  const testClock = testClocksEnabled()
    ? (await stripe.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000), name: `patronage ${user.id}` })).id
    : undefined;
  const customer = await stripe.customers.create({
    email: user.email,
    ...(user.name ? { name: user.name } : {}),
    metadata: { userId: user.id },
    ...(testClock ? { test_clock: testClock } : {}),
  });
  try {
    await db.stripeCustomer.create({ data: { userId: user.id, customerId: customer.id } });
    return customer.id;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const winner = await db.stripeCustomer.findUniqueOrThrow({ where: { userId: user.id } });
    await stripe.customers.del(customer.id).catch(() => undefined);
    if (testClock) await stripe.testHelpers.testClocks.del(testClock).catch(() => undefined);
    return winner.customerId;
  }
}

const clean = (s: string | undefined) => (s ? s.replace(/[^\w\-./:]/g, '').slice(0, 200) : '');

/**
 * `user` null: pay first (lib/billing/pay-first.ts). Checkout collects the address and creates the
 * customer; the session carries `guest=1`, the attribution and the reader's picks in its metadata, and
 * the result holds the claim secret for the browser's cookie (only its hash is stored).
 */
export async function startCheckout(user: CheckoutUser | null, input: unknown): Promise<CheckoutResult> {
  const req = parseCheckoutRequest(input);
  const { locale } = req;
  const t = translator(locale, 'membership.errors');
  const db = await getDb();
  if (!billingCurrencies().includes(req.currency))
    throw new CheckoutError(t('notAccepted', { currency: req.currency.toUpperCase() }), 'currency');
  const from = clean(req.from);
  const placement = clean(req.placement);
  // Same rule as the /support page's `round` parameter: a malformed slug is dropped, not an error.
  const round = parseSupportParams({ round: req.round }).round;
  const base = siteUrl();
  const backQuery = new URLSearchParams({
    ...(from ? { from } : {}),
    ...(placement ? { placement } : {}),
    ...(round ? { round } : {}),
  }).toString();
  const picks = user ? '' : picksFromMetadata({ picks: req.picks ?? '' }).join(',');
  const ref = req.ref && /^[A-Za-z0-9]{4,32}$/.test(req.ref) ? req.ref : '';
  // The campaign running when the checkout starts: its attribution travels in the session's own
  // metadata, so a payment completed after the campaign ended still counts for it.
  const campaign = (await runningCampaignId()) ?? '';
  // Metadata shared by both modes: who (or `guest`), and what brought them.
  const who = {
    ...(user ? { userId: user.id } : { userId: '', guest: '1', ...(picks ? { picks } : {}) }),
    // A guest's new (or found) account takes the language they paid in (lib/billing/pay-first.ts).
    ...(req.locale && req.locale !== DEFAULT_LOCALE ? { locale: req.locale } : {}),
  };
  // A signed-in reader's emails follow the language they pay in.
  if (user && req.locale) await db.user.updateMany({ where: { id: user.id }, data: { locale: req.locale } });
  // CHECKOUT_PAYMENT_METHODS: Stripe's automatic choice (cards, wallets, SEPA for EUR) or a filter on it.
  const methods = allowedPaymentMethodTypes(req.currency);
  const common = {
    ...(user ? { client_reference_id: user.id } : {}),
    ...(methods ? { allowed_payment_method_types: methods } : {}),
    success_url: `${base}${localePath(locale, '/support/success')}?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${base}${localePath(locale, '/support')}${backQuery ? `?${backQuery}` : ''}`,
    locale: stripeCheckoutLocale(locale),
  };

  let params: Stripe.Checkout.SessionCreateParams;
  let row: { mode: string; tierId: string | null; currency: string; interval: 'MONTH' | 'YEAR' | null; amount: number };

  if (req.mode === 'payment') {
    const amount = req.customAmount ?? req.amount;
    const min = oneOffMinimum();
    if (amount === undefined) throw new CheckoutError(t('amountMissing'), 'customAmount');
    if (amount < min) throw new CheckoutError(t('oneOffMinimum', { min: formatMoney(min, req.currency, { locale }) }), 'customAmount');
    const metadata = {
      ...who,
      tierId: '',
      from,
      placement,
      ...(round ? { round } : {}),
      ...(ref ? { ref } : {}),
      ...(campaign ? { campaign } : {}),
      kind: 'one-off',
    };
    params = {
      ...common,
      mode: 'payment',
      line_items: [
        { quantity: 1, price_data: { currency: req.currency, unit_amount: amount, product_data: { name: 'One-off contribution' } } },
      ],
      metadata,
      payment_intent_data: { metadata },
      ...(user ? {} : { customer_creation: 'always' as const }),
    };
    row = { mode: 'payment', tierId: null, currency: req.currency, interval: null, amount };
  } else {
    if (!req.tierId) throw new CheckoutError(t('tier'), 'tierId');
    if (!req.interval) throw new CheckoutError(t('interval'), 'interval');
    const tier = await db.tier.findUnique({
      where: { id: req.tierId },
      include: { prices: { where: { active: true, currency: req.currency, interval: req.interval } } },
    });
    if (!tier || !tier.active) throw new CheckoutError(t('tierUnavailable'), 'tierId');
    const price = tier.prices.find((p) => p.stripePriceId);
    const name = localized(tier.translations, locale, 'name', tier.name);
    if (!price || !tier.stripeProductId)
      throw new CheckoutError(t('notOffered', { tier: name, interval: req.interval, currency: req.currency.toUpperCase() }), 'currency');
    const listed = formatRecurring(price.amount, price.currency, req.interval, { locale });
    if (req.amount !== undefined && req.amount !== price.amount) {
      throw new CheckoutError(t('priceChanged', { tier: name, price: listed }), 'amount');
    }
    let amount = price.amount;
    let lineItem: Stripe.Checkout.SessionCreateParams.LineItem = { price: price.stripePriceId!, quantity: 1 };
    if (req.customAmount !== undefined && req.customAmount !== price.amount) {
      if (!tier.payWhatYouWant) throw new CheckoutError(t('fixedPrice', { tier: name, price: listed }), 'customAmount');
      if (req.customAmount < price.amount) throw new CheckoutError(t('minimum', { tier: name, price: listed }), 'customAmount');
      amount = req.customAmount;
      lineItem = {
        quantity: 1,
        price_data: {
          currency: req.currency,
          unit_amount: amount,
          product: tier.stripeProductId,
          recurring: { interval: req.interval === 'YEAR' ? 'year' : 'month' },
        },
      };
    }
    if (user && (await patronStatus(user.id)).isPatron) return { redirect: localePath(locale, '/account') };
    const metadata = {
      ...who,
      tierId: tier.id,
      from,
      placement,
      ...(round ? { round } : {}),
      ...(ref ? { ref } : {}),
      ...(campaign ? { campaign } : {}),
      interval: req.interval,
    };
    params = { ...common, mode: 'subscription', line_items: [lineItem], metadata, subscription_data: { metadata } };
    row = { mode: 'subscription', tierId: tier.id, currency: req.currency, interval: req.interval, amount };
  }

  if (!user) {
    const claim = newClaim();
    const session = await getStripe().checkout.sessions.create(params);
    if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
    await recordGuestCheckout(session.id, claim.hash);
    return { url: session.url, sessionId: session.id, claimSecret: claim.secret };
  }
  const customer = await ensureCustomer(user);
  const session = await getStripe().checkout.sessions.create({ ...params, customer });
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
  await db.checkout.create({
    data: {
      id: session.id,
      userId: user.id,
      ...row,
      fromArticle: from || null,
      placement: placement || null,
      fromRound: round,
      campaignId: campaign || null,
    },
  });
  return { url: session.url, sessionId: session.id };
}

export type CheckoutState = { state: 'pending' | 'active'; mode: string; tierName: string | null };

/**
 * For the success page: 'active' only once the webhook has recorded the completed checkout (and, for
 * memberships, the subscription makes the user a patron). Null when the session isn't this user's.
 */
export async function checkoutState(userId: string, sessionId: string, locale: Locale = 'en'): Promise<CheckoutState | null> {
  const sql = await getSql();
  const [c] = await sql.query<{
    userId: string;
    mode: string;
    status: string;
    subscriptionId: string | null;
    tierName: string | null;
    tierTranslations: unknown;
  }>(
    `SELECT c."userId", c."mode", c."status"::text AS "status", c."subscriptionId", t."name" AS "tierName", t."translations" AS "tierTranslations"
       FROM "Checkout" c LEFT JOIN "Tier" t ON t."id" = c."tierId" WHERE c."id" = $1::text`,
    [sessionId],
  );
  if (!c || c.userId !== userId) return null;
  let active = c.status === 'COMPLETED';
  // The webhook links the subscription to the checkout before mirroring it; patronStatus reads the
  // mirror, so it only says yes once the subscription is there.
  if (active && c.mode === 'subscription') active = Boolean(c.subscriptionId) && (await patronStatus(userId)).isPatron;
  return { state: active ? 'active' : 'pending', mode: c.mode, tierName: localized(c.tierTranslations, locale, 'name', c.tierName) };
}

/**
 * A one-off Checkout payment (gift, pay-it-forward contribution): creates the Stripe session in the
 * reader's language, then records it, in one transaction, with `link` (the domain row that waits for it)
 * and the checkout row the webhook and the figures read.
 */
export async function startOneOffCheckout(o: {
  user: CheckoutUser;
  locale: Locale;
  /** Where Stripe sends the reader after paying / when they go back (paths without the language prefix). */
  successPath: string;
  cancelPath: string;
  currency: string;
  /** Minor units. */
  amount: number;
  productName: string;
  metadata: Record<string, string>;
  tierId: string | null;
  placement: string;
  link: (db: Db, sessionId: string) => Prisma.PrismaPromise<unknown>;
}): Promise<{ url: string }> {
  const base = siteUrl();
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: 'payment',
    client_reference_id: o.user.id,
    success_url: `${base}${localePath(o.locale, o.successPath)}`,
    cancel_url: `${base}${localePath(o.locale, o.cancelPath)}`,
    locale: stripeCheckoutLocale(o.locale),
    line_items: [{ quantity: 1, price_data: { currency: o.currency, unit_amount: o.amount, product_data: { name: o.productName } } }],
    metadata: o.metadata,
    payment_intent_data: { metadata: o.metadata },
    customer: await ensureCustomer(o.user),
  };
  const session = await getStripe().checkout.sessions.create(params);
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a url`);
  const db = await getDb();
  await db.$transaction([
    o.link(db, session.id),
    db.checkout.create({
      data: {
        id: session.id,
        userId: o.user.id,
        mode: 'payment',
        tierId: o.tierId,
        currency: o.currency,
        interval: null,
        amount: o.amount,
        placement: o.placement,
      },
    }),
  ]);
  return { url: session.url };
}
