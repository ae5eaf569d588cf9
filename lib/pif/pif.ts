/**
 * Pay it forward (issue #15): readers put one-off contributions into a pot (a Checkout payment with
 * metadata kind "pif", counted once Stripe's webhook says it is paid); readers who cannot pay apply
 * with a short reason; staff grant a membership from the pot at /desk/pay-it-forward. A grant is a
 * GiftMembership with source "grant", redeemed for the applicant at once, so `patronStatus` makes
 * them a patron (state "gifted") until it ends: granted patrons vote; they are not MRR, and the
 * dashboard counts them apart. The pot (per currency) = paid contributions − grants; a grant larger
 * than the pot is refused (checked under a transaction-scoped advisory lock, so two grants at once
 * cannot overdraw it).
 */
import { localePath, toLocale, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { getQueue } from '@/lib/jobs/queue';
import { sendEmail } from '@/lib/mail/send';
import { siteName, siteUrl } from '@/lib/config/site';
import { billingCurrencies, oneOffMinimum } from '@/lib/billing/config';
import { formatMoney } from '@/lib/format/money';
import { startOneOffCheckout, type CheckoutUser } from '@/lib/billing/checkout';
import { formatDate } from '@/lib/format/dates';
import { escapeHtml, layout, greeting } from '@/lib/mail/templates';
import { DomainError, statusCode } from '@/lib/errors/domain-error';
import { sentence, type Sentence } from '@/lib/i18n/sentence';
import { coded, issueSentence } from '@/lib/i18n/said';
import { addMonths, GiftError, giftPrice, GIFT_MONTHS } from '@/lib/gifts/gifts';
import { textField } from '@/lib/i18n/text-field';

/**
 * A pay-it-forward request refused (400 bad input, 404 unknown application, 409 already decided): a
 * catalogue sentence, said in the reader's language (routes) or the staff member's (the desk).
 */
export class PifError extends DomainError {
  constructor(said: Sentence | string, status: 400 | 404 | 409 = 400) {
    super({ code: `PIF_${statusCode(status)}`, status, ...(typeof said === 'string' ? { message: said } : { sentence: said }) });
  }
}

/** The first issue of a schema (whose messages are catalogue keys) as a refusal. */
const invalid = (issues: readonly { message: string }[], fallback: Sentence) =>
  new PifError(issueSentence(issues[0]?.message ?? '', fallback));

// Messages are catalogue sentences coded with lib/i18n/said.ts.
export const contributionSchema = z.object({
  amount: z.coerce
    .number({ error: coded(sentence('retention.pif.errors.amount')) })
    .positive(coded(sentence('retention.pif.errors.amount')))
    .max(100_000, coded(sentence('retention.pif.errors.amountLarge'))),
  currency: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/, coded(sentence('retention.pif.errors.currency'))),
});

/** A contribution into the pot: a one-off Checkout payment (amount in whole units of the currency). */
export async function startContribution(user: CheckoutUser, input: unknown): Promise<{ url: string; contributionId: string }> {
  const parsed = contributionSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues, sentence('retention.pif.errors.amount'));
  const { currency } = parsed.data;
  const locale = toLocale((input as { locale?: unknown } | null)?.locale);
  if (!billingCurrencies().includes(currency))
    throw new PifError(sentence('retention.pif.errors.notAccepted', { currency: currency.toUpperCase() }));
  const amount = Math.round(parsed.data.amount * 100);
  if (amount < oneOffMinimum())
    throw new PifError(sentence('retention.pif.errors.minimum', { amount: formatMoney(oneOffMinimum(), currency, { locale }) }));
  const db = await getDb();
  const c = await db.payItForwardContribution.create({ data: { userId: user.id, amount, currency } });
  const { url } = await startOneOffCheckout({
    user,
    locale,
    successPath: '/pay-it-forward?thanks=1',
    cancelPath: '/pay-it-forward',
    currency,
    amount,
    productName: 'Pay it forward: memberships for readers who cannot pay',
    metadata: { kind: 'pif', contributionId: c.id, userId: user.id, tierId: '' },
    tierId: null,
    placement: 'pay-it-forward',
    link: (db, sessionId) => db.payItForwardContribution.update({ where: { id: c.id }, data: { checkoutSessionId: sessionId } }),
  });
  return { url, contributionId: c.id };
}

/** The pot per currency: paid contributions minus grants (minor units). */
export async function potBalance(): Promise<{ currency: string; contributed: number; granted: number; balance: number }[]> {
  const db = await getDb();
  const [contributed, granted] = await Promise.all([
    db.payItForwardContribution.groupBy({ by: ['currency'], where: { paidAt: { not: null } }, _sum: { amount: true } }),
    db.giftMembership.groupBy({ by: ['currency'], where: { source: 'grant' }, _sum: { amount: true } }),
  ]);
  const out = new Map<string, { contributed: number; granted: number }>();
  for (const c of contributed) out.set(c.currency, { contributed: c._sum.amount ?? 0, granted: 0 });
  for (const g of granted) out.set(g.currency, { contributed: out.get(g.currency)?.contributed ?? 0, granted: g._sum.amount ?? 0 });
  return [...out]
    .map(([currency, v]) => ({ currency, ...v, balance: v.contributed - v.granted }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

export const applicationSchema = z.object({
  reason: textField({ min: [10, sentence('retention.pif.errors.reason')], max: [500, sentence('retention.pif.errors.reasonLong')] }),
});

/** A reader applies (one pending application at a time). */
export async function applyForMembership(userId: string, input: unknown) {
  const parsed = applicationSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues, sentence('retention.pif.errors.reason'));
  const db = await getDb();
  if (await db.payItForwardApplication.findFirst({ where: { userId, status: 'pending' } }))
    throw new PifError(sentence('retention.pif.errors.alreadyApplied'), 409);
  return db.payItForwardApplication.create({ data: { userId, reason: parsed.data.reason } });
}

export const grantSchema = z.object({
  applicationId: z.string().min(1).max(64),
  tierId: z
    .string({ error: coded(sentence('deskAudience.payItForward.errors.tier')) })
    .min(1, coded(sentence('deskAudience.payItForward.errors.tier')))
    .max(64),
  months: z.coerce
    .number({ error: coded(sentence('deskAudience.payItForward.errors.months')) })
    .refine((m) => (GIFT_MONTHS as readonly number[]).includes(m), coded(sentence('deskAudience.payItForward.errors.months'))),
  currency: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{3}$/, coded(sentence('deskAudience.payItForward.errors.currency'))),
});

/** Staff grant a membership from the pot: refused if the pot (in that currency) cannot pay for it. */
export async function grantMembership(staffId: string, input: unknown, now: Date = new Date()) {
  const parsed = grantSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues, sentence('deskAudience.payItForward.errors.noApplication'));
  const { applicationId, tierId, months, currency } = parsed.data;
  const db = await getDb();
  const app = await db.payItForwardApplication.findUnique({
    where: { id: applicationId },
    include: { user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  if (!app) throw new PifError(sentence('deskAudience.payItForward.errors.noApplication'), 404);
  if (app.status !== 'pending') throw new PifError(sentence('deskAudience.payItForward.errors.decided'), 409);
  const { tier, amount } = await giftPrice(tierId, currency, months).catch((e: unknown) => {
    throw e instanceof GiftError ? new PifError(e.sentence ?? e.message) : e;
  });
  const endsAt = addMonths(now, months);
  const locale = toLocale(app.user.locale);
  const mail = grantedEmail({
    siteName: siteName(),
    name: app.user.name,
    tierName: tier.name,
    endsOn: formatDate(endsAt, undefined, locale),
    url: `${siteUrl()}${localePath(locale, '/topics')}`,
    locale,
  });
  await getQueue();
  return db.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('pay-it-forward-pot'))::text AS locked`);
    const [paid, granted] = await Promise.all([
      tx.payItForwardContribution.aggregate({ where: { paidAt: { not: null }, currency }, _sum: { amount: true } }),
      tx.giftMembership.aggregate({ where: { source: 'grant', currency }, _sum: { amount: true } }),
    ]);
    const balance = (paid._sum.amount ?? 0) - (granted._sum.amount ?? 0);
    if (balance < amount)
      throw new PifError(
        sentence('deskAudience.payItForward.errors.potShort', {
          balance: formatMoney(balance, currency),
          months,
          tier: tier.name,
          amount: formatMoney(amount, currency),
        }),
        409,
      );
    const { count } = await tx.payItForwardApplication.updateMany({
      where: { id: app.id, status: 'pending' },
      data: { status: 'granted', decidedAt: now, decidedById: staffId },
    });
    if (count !== 1) throw new PifError(sentence('deskAudience.payItForward.errors.decided'), 409);
    const gift = await tx.giftMembership.create({
      data: {
        source: 'grant',
        buyerId: staffId,
        tierId: tier.id,
        months,
        amount,
        currency,
        recipientEmail: app.user.email,
        deliverOn: now,
        paidAt: now,
        deliveredAt: now,
        redeemedById: app.user.id,
        redeemedAt: now,
        startsAt: now,
        endsAt,
      },
    });
    await tx.payItForwardApplication.update({ where: { id: app.id }, data: { giftId: gift.id } });
    await sendEmail({ to: app.user.email, ...mail, kind: 'pif-granted', userId: app.user.id, dedupeKey: `pif-granted:${app.id}` }, { tx });
    return { giftId: gift.id, endsAt };
  });
}

export async function declineApplication(staffId: string, applicationId: string, now: Date = new Date()) {
  const db = await getDb();
  const { count } = await db.payItForwardApplication.updateMany({
    where: { id: applicationId, status: 'pending' },
    data: { status: 'declined', decidedAt: now, decidedById: staffId },
  });
  if (count !== 1) throw new PifError(sentence('deskAudience.payItForward.errors.decidedOrMissing'), 409);
}

export async function pendingApplications() {
  const db = await getDb();
  return db.payItForwardApplication.findMany({
    where: { status: 'pending' },
    orderBy: { createdAt: 'asc' },
    take: 100,
    include: { user: { select: { email: true, name: true } } },
  });
}

function grantedEmail(p: { siteName: string; name: string | null; tierName: string; endsOn: string; url: string; locale: Locale }) {
  const t = translator(p.locale, 'email.pif');
  const subject = t('grantedSubject', { site: p.siteName });
  const lines = [greeting(p.name, p.locale), t('grantedBody', { tier: p.tierName, date: p.endsOn })];
  const cta = t('grantedCta');
  return {
    subject,
    text: [...lines, '', `${cta}: ${p.url}`].join('\n'),
    html: layout({
      title: subject,
      siteName: p.siteName,
      lang: p.locale,
      bodyHtml:
        lines.map((l) => `<p style="margin:0 0 12px">${escapeHtml(l)}</p>`).join('') +
        `<p><a href="${escapeHtml(p.url)}">${escapeHtml(cta)}</a></p>`,
    }),
  };
}
