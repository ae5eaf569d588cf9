/**
 * Gift memberships (issue #15): any signed-in reader buys 3, 6 or 12 months of a tier as a one-off
 * Checkout payment (mode "payment", metadata kind "gift" + giftId) for a recipient's email, with a
 * message and a delivery date. Stripe's checkout.session.completed (mirrored by
 * lib/billing/mirror/checkout-session.ts) marks the gift paid; the `scheduled.gifts` job emails the
 * recipient a one-time redeem link on the delivery date and a reminder before the gift ends. The
 * recipient redeems it signed in (any address) and is a patron until the end date with no card:
 * `patronStatus` reads redeemed gifts (state "gifted"). Gifted patrons vote; they are not MRR.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { getQueue } from '@/lib/jobs/queue';
import { sendEmail } from '@/lib/mail/send';
import { siteName, siteUrl } from '@/lib/config/site';
import { billingCurrencies } from '@/lib/billing/config';
import { formatMoney } from '@/lib/format/money';
import { startOneOffCheckout, type CheckoutUser } from '@/lib/billing/checkout';
import { formatDate } from '@/lib/format/dates';
import { appNow } from '@/lib/runtime/test-clock';
import { DomainError, statusCode } from '@/lib/errors/domain-error';
import { giftDeliveryEmail, giftReminderEmail } from './templates';
import { localized } from '@/lib/i18n/content';
import { DEFAULT_LOCALE, LOCALES, localePath, toLocale, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { sentence, type Sentence } from '@/lib/i18n/sentence';

export { markGiftPaid } from './paid';

export const GIFT_MONTHS = [3, 6, 12] as const;
/** Days before a gift ends that its reminder goes out. */
export const GIFT_REMINDER_DAYS = 7;
const DAY = 86_400_000;

/** A gift refused (bad request 400, unknown link 404, already redeemed 409): a DomainError like every domain refusal. */
export class GiftError extends DomainError {
  /** `said`: the sentence in the buyer's language, or a catalogue sentence said later in the reader's (redeeming). */
  constructor(said: string | Sentence, status: 400 | 404 | 409 = 400) {
    super({ code: `GIFT_${statusCode(status)}`, status, ...(typeof said === 'string' ? { message: said } : { sentence: said }) });
  }
}

/** The sentences are `gifts.errors` keys, said in the buyer's language (the form's `locale`). */
export const giftRequestSchema = z.object({
  tierId: z.string({ error: 'tier' }).min(1, 'tier').max(64),
  months: z.coerce.number().pipe(z.union([z.literal(3), z.literal(6), z.literal(12)], { error: 'months' })),
  currency: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/, 'currency'),
  recipientEmail: z.email({ error: 'email' }).max(320),
  recipientName: z.string().trim().max(100).optional(),
  message: z.string().trim().max(500, 'message').optional(),
  deliverOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date'),
  locale: z.enum(LOCALES).catch(DEFAULT_LOCALE),
});

/** The price of `months` of a tier: its monthly price in that currency times the months. */
export async function giftPrice(tierId: string, currency: string, months: number, locale: Locale = DEFAULT_LOCALE) {
  const t = translator(locale, 'gifts.errors');
  const db = await getDb();
  const tier = await db.tier.findUnique({
    where: { id: tierId },
    include: { prices: { where: { active: true, currency, interval: 'MONTH' } } },
  });
  if (!tier || !tier.active) throw new GiftError(t('tierUnavailable'));
  const monthly = tier.prices[0];
  if (!monthly)
    throw new GiftError(
      t('notOffered', { tier: localized(tier.translations, locale, 'name', tier.name), currency: currency.toUpperCase() }),
    );
  return { tier, amount: monthly.amount * months };
}

/** Starts the Checkout payment for a gift; the gift row waits for Stripe's completed webhook. */
export async function startGiftCheckout(
  buyer: CheckoutUser,
  input: unknown,
  now: Date = new Date(),
): Promise<{ url: string; giftId: string }> {
  const parsed = giftRequestSchema.safeParse(input);
  const locale = toLocale((input as { locale?: unknown } | null)?.locale);
  const t = translator(locale, 'gifts.errors');
  if (!parsed.success) {
    // i18n-keys: gifts.errors.tier gifts.errors.months gifts.errors.currency gifts.errors.email gifts.errors.message gifts.errors.date
    const key = parsed.error.issues[0]!.message as 'tier';
    throw new GiftError(t.has(key) ? t(key) : parsed.error.issues[0]!.message);
  }
  const req = parsed.data;
  if (!billingCurrencies().includes(req.currency)) throw new GiftError(t('notAccepted', { currency: req.currency.toUpperCase() }));
  const deliverOn = new Date(`${req.deliverOn}T00:00:00Z`);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (Number.isNaN(deliverOn.getTime()) || deliverOn < today) throw new GiftError(t('dateBefore'));
  if (deliverOn.getTime() > today.getTime() + 366 * DAY) throw new GiftError(t('dateAfter'));
  const { tier, amount } = await giftPrice(req.tierId, req.currency, req.months, locale);
  const db = await getDb();
  const gift = await db.giftMembership.create({
    data: {
      buyerId: buyer.id,
      tierId: tier.id,
      months: req.months,
      amount,
      currency: req.currency,
      recipientEmail: req.recipientEmail.trim().toLowerCase(),
      recipientName: req.recipientName || null,
      message: req.message || null,
      deliverOn,
    },
  });
  const { url } = await startOneOffCheckout({
    user: buyer,
    locale,
    successPath: '/gift/thanks?session_id={CHECKOUT_SESSION_ID}',
    cancelPath: '/gift',
    currency: req.currency,
    amount,
    productName: `Gift: ${req.months} months of ${tier.name}`,
    metadata: { kind: 'gift', giftId: gift.id, userId: buyer.id, tierId: tier.id, months: String(req.months) },
    tierId: tier.id,
    placement: 'gift',
    link: (db, sessionId) => db.giftMembership.update({ where: { id: gift.id }, data: { checkoutSessionId: sessionId } }),
  });
  return { url, giftId: gift.id };
}

const hash = (t: string) => createHash('sha256').update(t).digest('hex');

/** Emails every paid gift whose delivery date has come (one redeem link each, once). */
export async function deliverDueGifts(now: Date = new Date()): Promise<number> {
  const db = await getDb();
  const due = await db.giftMembership.findMany({
    where: { paidAt: { not: null }, deliveredAt: null, deliverOn: { lte: now } },
    include: { buyer: { select: { name: true, email: true, locale: true } }, tier: { select: { name: true } } },
    take: 200,
  });
  let sent = 0;
  for (const g of due) {
    const token = randomBytes(32).toString('base64url');
    // The recipient has no account yet: the gift comes in the language of the reader who gave it.
    const locale = toLocale(g.buyer.locale);
    const url = `${siteUrl()}${localePath(locale, '/gift/redeem')}?token=${token}`;
    const mail = giftDeliveryEmail({
      siteName: siteName(),
      from: g.buyer.name || g.buyer.email,
      tierName: g.tier.name,
      months: g.months,
      message: g.message,
      url,
      locale,
    });
    await getQueue();
    const delivered = await db.$transaction(async (tx) => {
      const { count } = await tx.giftMembership.updateMany({
        where: { id: g.id, deliveredAt: null },
        data: { deliveredAt: now, redeemTokenHash: hash(token) },
      });
      if (count !== 1) return false;
      await sendEmail(
        { to: g.recipientEmail, ...mail, kind: 'gift-delivery', dedupeKey: `gift-delivery:${g.id}`, redact: [token] },
        { tx },
      );
      return true;
    });
    if (delivered) sent++;
  }
  return sent;
}

/** The gift a redeem token opens (unredeemed), for the redeem page; spends nothing. */
export async function giftOfToken(token: string) {
  if (!token || token.length > 200) return null;
  const db = await getDb();
  return db.giftMembership.findUnique({
    where: { redeemTokenHash: hash(token) },
    include: { tier: { select: { name: true, translations: true } }, buyer: { select: { name: true, email: true } } },
  });
}

/** Redeems a gift for `userId` (once): a patron from now until now + months. */
export async function redeemGift(token: string, userId: string, now: Date = new Date()) {
  const gift = await giftOfToken(token);
  if (!gift) throw new GiftError(sentence('gifts.redeemErrors.invalid'), 404);
  if (gift.redeemedAt)
    throw new GiftError(gift.redeemedById === userId ? sentence('gifts.redeemErrors.yours') : sentence('gifts.redeemErrors.taken'), 409);
  const endsAt = addMonths(now, gift.months);
  const db = await getDb();
  const { count } = await db.giftMembership.updateMany({
    where: { id: gift.id, redeemedAt: null },
    data: { redeemedAt: now, redeemedById: userId, startsAt: now, endsAt },
  });
  if (count !== 1) throw new GiftError(sentence('gifts.redeemErrors.taken'), 409);
  return { giftId: gift.id, tierName: gift.tier.name, endsAt };
}

/** Reminders to recipients whose gift ends within GIFT_REMINDER_DAYS (once each). */
export async function remindEndingGifts(now: Date = new Date()): Promise<number> {
  const db = await getDb();
  const soon = new Date(now.getTime() + GIFT_REMINDER_DAYS * DAY);
  const due = await db.giftMembership.findMany({
    where: { redeemedAt: { not: null }, reminderSentAt: null, endsAt: { gt: now, lte: soon } },
    include: { redeemedBy: { select: { id: true, email: true, name: true, locale: true } } },
    take: 200,
  });
  let sent = 0;
  for (const g of due) {
    if (!g.redeemedBy || !g.endsAt) continue;
    const locale = toLocale(g.redeemedBy.locale);
    const mail = giftReminderEmail({
      siteName: siteName(),
      name: g.redeemedBy.name,
      endsOn: formatDate(g.endsAt, undefined, locale),
      supportUrl: `${siteUrl()}${localePath(locale, '/support')}?from=gift&placement=email`,
      locale,
    });
    await getQueue();
    const reminded = await db.$transaction(async (tx) => {
      const { count } = await tx.giftMembership.updateMany({ where: { id: g.id, reminderSentAt: null }, data: { reminderSentAt: now } });
      if (count !== 1) return false;
      await sendEmail(
        { to: g.redeemedBy!.email, ...mail, kind: 'gift-reminder', userId: g.redeemedBy!.id, dedupeKey: `gift-reminder:${g.id}` },
        { tx },
      );
      return true;
    });
    if (reminded) sent++;
  }
  return sent;
}

/** The `scheduled.gifts` job. Its "now" is the test clock's where that is set (test equipment, lib/runtime/test-clock.ts). */
export async function runGiftJob(now?: Date) {
  now ??= await appNow();
  return { delivered: await deliverDueGifts(now), reminded: await remindEndingGifts(now) };
}

/** Dashboard: gifted and granted (pay it forward) patrons now, counted apart from paying ones (they vote, they are not MRR), and gifts sold. */
export async function giftStats(range: { from?: Date; to?: Date } = {}, now: Date = new Date()) {
  const db = await getDb();
  const live = { redeemedAt: { not: null }, startsAt: { lte: now }, endsAt: { gt: now } };
  const [activeGifted, activeGranted, sold] = await Promise.all([
    db.giftMembership.count({ where: { ...live, source: 'gift' } }),
    db.giftMembership.count({ where: { ...live, source: 'grant' } }),
    db.giftMembership.findMany({
      where: { source: 'gift', paidAt: { not: null, ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) } },
      select: { amount: true, currency: true },
    }),
  ]);
  const revenue = new Map<string, number>();
  for (const s of sold) revenue.set(s.currency, (revenue.get(s.currency) ?? 0) + s.amount);
  return {
    activeGifted,
    activeGranted,
    sold: sold.length,
    revenue: [...revenue].map(([currency, amount]) => ({ currency, amount, label: formatMoney(amount, currency) })),
  };
}

/** `months` calendar months after `d` (day of month clamped). */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  );
}
