/**
 * The language of Stripe's hosted pages (Checkout, the billing portal) for a reader of the site.
 * Checkout speaks no Ukrainian, so Ukrainian readers get English: never 'auto' (Stripe would pick the
 * browser's language, often Russian for our Ukrainian readers) and never 'ru'. Every site language
 * must have an entry (the Record type makes a new language a tsc error until it is mapped here).
 */
import type Stripe from 'stripe';
import { toLocale, type Locale } from '@/lib/i18n/locales';

type CheckoutLocale = Stripe.Checkout.SessionCreateParams.Locale;

const CHECKOUT_LOCALES: Readonly<Record<Locale, CheckoutLocale>> = { en: 'en', uk: 'en' };

/** Stripe Checkout's `locale` for the reader's language (anything unknown reads as the default language). */
export function stripeCheckoutLocale(locale: Locale | string | null | undefined): CheckoutLocale {
  return CHECKOUT_LOCALES[toLocale(locale)];
}
