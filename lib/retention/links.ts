/**
 * The cancel link for readers who are not signed in (/cancel): they give their email address and get a
 * one-time link. Only the SHA-256 of the token is stored; the link works once, until it expires. The
 * answer is the same whether or not the address belongs to a patron (nothing is learnt from it), and
 * requests are counted against abuse limits per address and per client IP before anything is looked up.
 */
import { localePath, toLocale } from '@/lib/i18n/locales';
import { createHash, randomBytes } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { getQueue } from '@/lib/jobs/queue';
import { sendEmail } from '@/lib/mail/send';
import { siteName, siteUrl } from '@/lib/config/site';
import { consumeLimits, type LimitResult } from '@/lib/limits/limiter';
import { cancellableSubscription } from './cancel';
import { cancelLinkEmail } from './templates';

export function cancelLinkMinutes(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.CANCEL_LINK_MINUTES ?? 60);
  return Number.isInteger(n) && n >= 5 && n <= 1440 ? n : 60;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Emails a one-time cancel link when `email` belongs to a reader with a renewing membership. Returns
 * the limit's answer only (over the limit: nothing is looked up or sent); "sent" is never revealed.
 */
export async function requestCancelLink(email: string, ip: string, now: Date = new Date()): Promise<LimitResult & { sent?: boolean }> {
  const address = email.trim().toLowerCase();
  const limit = await consumeLimits([
    ['cancelLinkIp', ip],
    ['cancelLinkEmail', address],
  ]);
  if (!limit.ok) return limit;
  const db = await getDb();
  const user = await db.user.findFirst({
    where: { email: { equals: address, mode: 'insensitive' } },
    select: { id: true, email: true, locale: true },
  });
  if (!user) return { ok: true, sent: false };
  const { sub } = await cancellableSubscription(user.id);
  if (!sub) return { ok: true, sent: false };
  const token = randomBytes(32).toString('base64url');
  const minutes = cancelLinkMinutes();
  const locale = toLocale(user.locale);
  const url = `${siteUrl()}${localePath(locale, '/cancel/confirm')}?token=${token}`;
  const mail = cancelLinkEmail({ siteName: siteName(), url, minutes, locale });
  await getQueue();
  await db.$transaction(async (tx) => {
    await tx.cancelLinkToken.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + minutes * 60_000) },
    });
    await sendEmail({ to: user.email, ...mail, kind: 'cancel-link', userId: user.id, redact: [token] }, { tx });
  });
  return { ok: true, sent: true };
}

/** The user a token belongs to while it is unused and unexpired (opening the link spends nothing). */
export async function userOfCancelToken(token: string, now: Date = new Date()): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const db = await getDb();
  const row = await db.cancelLinkToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  return row.userId;
}

/** Spends the token (once, atomically): the user it belonged to, or null when used, expired or unknown. */
export async function spendCancelToken(token: string, now: Date = new Date()): Promise<string | null> {
  if (!token || token.length > 200) return null;
  const db = await getDb();
  const tokenHash = hashToken(token);
  const { count } = await db.cancelLinkToken.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  return (await db.cancelLinkToken.findUnique({ where: { tokenHash }, select: { userId: true } }))?.userId ?? null;
}

/** Expired or used links older than a day (run by the retention job). */
export async function purgeCancelTokens(now: Date = new Date()): Promise<number> {
  const db = await getDb();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const { count } = await db.cancelLinkToken.deleteMany({ where: { OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] } });
  return count;
}
