/**
 * Referrals (issue 18): every patron has a personal link, /r/<code> (→ /support?placement=referral&ref=<code>).
 * The code rides through Stripe Checkout's metadata (`ref`); when a membership checkout completes, the
 * webhook records who referred whom (Referral, one per checkout: the dashboard's "referral" placement and
 * its referrers table) and thanks the referrer by email through the job queue. Nobody is thanked for
 * referring themselves, and the email never names the new patron. With the reward rule on
 * (/desk/referrals), a `referral.reward` job credits the referrer a free month first (./reward.ts).
 */
import { DEFAULT_LOCALE, toLocale, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { getDb } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { siteName, siteUrl } from '@/lib/config/site';
import { sendEmail } from '@/lib/mail/send';
import { escapeHtml, layout, safeHref, greeting } from '@/lib/mail/templates';
import { enqueue } from '@/lib/jobs/queue';
import { formatMoney } from '@/lib/format/money';
import { getReferralSettings } from './settings';

/** Lower-case letters and digits without look-alikes (0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const REFERRAL_CODE_RE = /^[a-z0-9]{8}$/;

export function parseReferralCode(raw: unknown): string | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== 'string') return null;
  const code = v.trim().toLowerCase();
  return REFERRAL_CODE_RE.test(code) ? code : null;
}

function newCode(): string {
  const bytes = randomBytes(8);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** The user's referral code, created on first use (race-safe: the primary key decides). */
export async function referralCodeFor(userId: string): Promise<string> {
  const db = await getDb();
  const existing = await db.referralCode.findUnique({ where: { userId } });
  if (existing) return existing.code;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return (await db.referralCode.create({ data: { userId, code: newCode() } })).code;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const winner = await db.referralCode.findUnique({ where: { userId } });
      if (winner) return winner.code;
      // The code itself collided with someone else's: draw again.
    }
  }
  throw new Error('could not draw a free referral code');
}

export const referralLink = (code: string): string => `${siteUrl()}/r/${code}`;
export const referralSupportPath = (code: string): string => `/support?placement=referral&ref=${code}`;

/** Does this code belong to someone? (The /r/<code> route sends unknown codes to /support without one.) */
export async function referralCodeExists(code: string): Promise<boolean> {
  const db = await getDb();
  return Boolean(await db.referralCode.findUnique({ where: { code }, select: { userId: true } }));
}

/**
 * Webhook side, for a COMPLETED membership checkout: records the referral once and thanks the referrer
 * (dedupeKey per checkout, so redeliveries send nothing more). Returns the referrer's id when it counts.
 */
export async function recordReferral(s: Stripe.Checkout.Session, referredUserId: string): Promise<string | null> {
  if (s.status !== 'complete' || s.mode !== 'subscription') return null;
  const code = parseReferralCode(s.metadata?.ref);
  if (!code) return null;
  const db = await getDb();
  const owner = await db.referralCode.findUnique({ where: { code } });
  if (!owner || owner.userId === referredUserId) return null;
  await db.referral.createMany({ data: [{ checkoutId: s.id, referrerId: owner.userId, referredUserId }], skipDuplicates: true });
  const row = await db.referral.findUnique({ where: { checkoutId: s.id } });
  if (!row || row.referrerId !== owner.userId) return null;
  if (!row.thankedAt && (await getReferralSettings()).rewardFreeMonth) {
    // The reward rule is on: the job credits the referrer (never here, inside the webhook) and then sends
    // the thank-you, which then mentions the free month. A redelivery may queue it again: the job runs once in effect.
    await enqueue('referral.reward', { checkoutId: s.id });
    return owner.userId;
  }
  if (!row.thankedAt) {
    const referrer = await db.user.findUnique({ where: { id: owner.userId }, select: { email: true, name: true, locale: true } });
    if (referrer) {
      const mail = referralThanksEmail({ name: referrer.name, link: referralLink(code), locale: toLocale(referrer.locale) });
      await sendEmail({ to: referrer.email, ...mail, kind: 'referral-thanks', userId: owner.userId, dedupeKey: `referral-thanks:${s.id}` });
    }
    await db.referral.update({ where: { checkoutId: s.id }, data: { thankedAt: new Date() } });
  }
  return owner.userId;
}

export function referralThanksEmail({
  name,
  link,
  reward = null,
  locale = DEFAULT_LOCALE,
}: {
  name: string | null;
  link: string;
  /** The referrer's language (User.locale). */
  locale?: Locale;
  /** The free month credited for this referral (lib/referrals/reward.ts), if one was. */
  reward?: { amount: number; currency: string } | null;
}): {
  subject: string;
  text: string;
  html: string;
} {
  const site = siteName();
  const t = translator(locale, 'email.referrals');
  const subject = reward ? t('subjectReward', { site }) : t('subject', { site });
  const hello = greeting(name, locale);
  const body = t('body', { site });
  const gift = reward ? t('reward', { amount: formatMoney(reward.amount, reward.currency, { locale }) }) : null;
  const text = [hello, '', body, ...(gift ? ['', gift] : []), '', `${t('link')} ${link}`].join('\n');
  const html = layout({
    title: subject,
    siteName: site,
    lang: locale,
    bodyHtml: [
      `<p style="margin:0 0 12px">${escapeHtml(hello)}</p>`,
      `<p style="margin:0 0 12px">${escapeHtml(body)}</p>`,
      ...(gift ? [`<p style="margin:0 0 12px">${escapeHtml(gift)}</p>`] : []),
      `<p style="margin:0 0 12px">${escapeHtml(t('link'))} <a href="${safeHref(link)}">${escapeHtml(link)}</a></p>`,
    ].join('\n'),
  });
  return { subject, text, html };
}

export type ReferrerRow = { referrerId: string; email: string; name: string | null; referrals: number };

/** Dashboard: referrers by referred memberships completed in [from, to). Staff only (names and addresses). */
export async function referrersBetween(from: Date, to: Date, limit = 20): Promise<ReferrerRow[]> {
  const db = await getDb();
  const groups = await db.referral.groupBy({
    by: ['referrerId'],
    where: { createdAt: { gte: from, lt: to } },
    _count: { _all: true },
    orderBy: { _count: { referrerId: 'desc' } },
    take: limit,
  });
  if (!groups.length) return [];
  const users = await db.user.findMany({
    where: { id: { in: groups.map((g) => g.referrerId) } },
    select: { id: true, email: true, name: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  return groups.map((g) => ({
    referrerId: g.referrerId,
    email: byId.get(g.referrerId)?.email ?? '(deleted)',
    name: byId.get(g.referrerId)?.name ?? null,
    referrals: g._count._all,
  }));
}
