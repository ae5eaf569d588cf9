/**
 * Pay first (issue 18): a reader who is not signed in picks a tier and goes straight to Stripe Checkout,
 * which collects the email address. The account is found or created from the COMPLETED session by the
 * webhook (never from the redirect), and recorded once in GuestCheckout.outcome:
 *
 * - NEW_ACCOUNT: no account had this address; we created it. The browser that started the checkout
 *   holds a claim secret (an HttpOnly cookie set with the redirect to Checkout; only its SHA-256 is
 *   stored): POST /api/checkout/claim spends it once, before claimExpiresAt, for a database session.
 * - EXISTING_ACCOUNT: the address already had an account (or is on ADMIN_EMAILS). Paying must never be a
 *   way into someone else's account, so the claim is refused; the membership attaches to that account
 *   and a sign-in link is emailed (through the job queue).
 * - ALREADY_PATRON: that account is a patron already. The new subscription is cancelled and its payment
 *   refunded at Stripe (no double subscription); the success page sends the reader to /account.
 *
 * Everything lives in the database (several nodes): any node can answer the claim.
 */
import { DEFAULT_LOCALE, isLocale, localePath, toLocale, type Locale } from '@/lib/i18n/locales';
import { translator } from '@/lib/i18n/translator';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { getDb } from '@/lib/db/client';
import { siteName, siteUrl } from '@/lib/config/site';
import { authSecret } from '@/lib/auth/secret';
import { isBootstrapAdmin } from '@/lib/auth/roles';
import { confirmUrlFromCallbackUrl, signInLinkMinutes } from '@/lib/auth/magic-link';
import { sendEmail } from '@/lib/mail/send';
import { escapeHtml, layout, magicLinkEmail, safeHref, type RenderedEmail } from '@/lib/mail/templates';
import { getStripe } from './stripe';
import { patronStatus } from './patron-status';
import { idOf } from './ids';

export type GuestOutcome = 'NEW_ACCOUNT' | 'EXISTING_ACCOUNT' | 'ALREADY_PATRON';

/** The browser's claim cookie: one per browser (the newest guest checkout wins). */
export const CLAIM_COOKIE = 'patronage-checkout-claim';
/** How long the claim cookie lives (a Checkout session lasts 24 h at most; most readers pay in minutes). */
export const CLAIM_COOKIE_SECONDS = 24 * 3600;
/** How long after the webhook resolved the checkout a NEW_ACCOUNT may still be claimed. */
export const CLAIM_MINUTES = 30;
/** Session lifetime, as next-auth's (lib/auth/options.ts). */
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const hashClaim = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A fresh claim secret for one guest checkout; store its hash, give the secret to the browser only. */
export function newClaim(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashClaim(secret) };
}

const secureCookies = (): boolean => (process.env.NEXTAUTH_URL ?? siteUrl()).startsWith('https://');

export function claimCookieHeader(secret: string): string {
  return `${CLAIM_COOKIE}=${secret}; Path=/; Max-Age=${CLAIM_COOKIE_SECONDS}; HttpOnly; SameSite=Lax${secureCookies() ? '; Secure' : ''}`;
}

export function clearClaimCookieHeader(): string {
  return `${CLAIM_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secureCookies() ? '; Secure' : ''}`;
}

/** The claim secret from a Cookie header (route handlers read the header: it works outside a Next request too). */
export function readClaimCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === CLAIM_COOKIE) {
      const value = v.join('=');
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

export async function recordGuestCheckout(sessionId: string, claimHash: string): Promise<void> {
  const db = await getDb();
  await db.guestCheckout.create({ data: { id: sessionId, claimHash } });
}

/** next-auth's email normalisation (lower case, trimmed), so the address matches the one sign-in stores. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const e = raw?.normalize('NFKC').trim().toLowerCase();
  if (!e || !/^[^@\s"]+@[^@\s",]+\.[^@\s",]+$/.test(e)) return null;
  return e;
}

/** Topic ids picked before paying, carried in the session's metadata (`picks`, comma-separated). */
export function picksFromMetadata(meta: Stripe.Metadata | null | undefined): string[] {
  return [
    ...new Set(
      (meta?.picks ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => /^[A-Za-z0-9_-]{1,64}$/.test(s)),
    ),
  ].slice(0, 10);
}

export type ResolvedGuest = { userId: string; outcome: GuestOutcome; email: string; first: boolean };

/**
 * Webhook side: finds or creates the account for a completed guest checkout and records the outcome
 * once (the GuestCheckout row is locked, so concurrent deliveries agree). Null when the session is not
 * a guest checkout we started, is not complete, or carries no address.
 */
export async function resolveGuestCheckout(s: Stripe.Checkout.Session, now: Date = new Date()): Promise<ResolvedGuest | null> {
  if (s.status !== 'complete') return null;
  const db = await getDb();
  const known = await db.guestCheckout.findUnique({ where: { id: s.id } });
  if (!known) return null;
  if (known.outcome && known.userId) {
    const u = await db.user.findUnique({ where: { id: known.userId }, select: { email: true } });
    return u ? { userId: known.userId, outcome: known.outcome as GuestOutcome, email: u.email, first: false } : null;
  }
  const email = normalizeEmail(s.customer_details?.email ?? s.customer_email);
  if (!email) return null;
  // Decided BEFORE the new subscription is linked to anyone, so patronStatus sees only older ones.
  const existingBefore = await db.user.findUnique({ where: { email }, select: { id: true } });
  const wasPatron = existingBefore ? (await patronStatus(existingBefore.id, now)).isPatron : false;
  const resolved = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "GuestCheckout" WHERE "id" = ${s.id} FOR UPDATE`;
    const row = await tx.guestCheckout.findUniqueOrThrow({ where: { id: s.id } });
    if (row.outcome && row.userId) return { userId: row.userId, outcome: row.outcome as GuestOutcome, first: false };
    // The language the guest paid in (checkout metadata; absent: the default): their emails come in it.
    const locale = isLocale(s.metadata?.locale) ? s.metadata.locale : null;
    let user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    let outcome: GuestOutcome;
    if (user && locale) await tx.user.update({ where: { id: user.id }, data: { locale } });
    if (!user) {
      user = await tx.user.create({ data: { email, ...(locale ? { locale } : {}) }, select: { id: true } });
      // An address on ADMIN_EMAILS is promoted at its first emailed sign-in: never hand its account to a payer.
      outcome = isBootstrapAdmin(email) ? 'EXISTING_ACCOUNT' : 'NEW_ACCOUNT';
    } else {
      outcome = wasPatron && user.id === existingBefore?.id ? 'ALREADY_PATRON' : 'EXISTING_ACCOUNT';
    }
    await tx.guestCheckout.update({
      where: { id: s.id },
      data: {
        outcome,
        userId: user.id,
        resolvedAt: now,
        claimExpiresAt: outcome === 'NEW_ACCOUNT' ? new Date(now.getTime() + CLAIM_MINUTES * 60_000) : null,
      },
    });
    return { userId: user.id, outcome, first: true };
  });
  return { ...resolved, email };
}

/**
 * After the mirror has the checkout: the emails and Stripe calls the outcome asks for. Safe to repeat
 * (each email has a dedupeKey; a cancelled subscription and refunded charges are skipped).
 */
export async function followUpGuestCheckout(s: Stripe.Checkout.Session, g: ResolvedGuest): Promise<void> {
  if (g.outcome === 'EXISTING_ACCOUNT') await emailSignInLink(g.email, g.userId, s.id);
  if (g.outcome === 'ALREADY_PATRON') await undoDoubleMembership(s, g);
}

const hashVerificationToken = (token: string): string => createHash('sha256').update(`${token}${authSecret()}`).digest('hex');

/** A next-auth email sign-in link for an existing account (the same token table and confirm page as /signin). */
async function emailSignInLink(email: string, userId: string, sessionId: string): Promise<void> {
  const db = await getDb();
  const dedupeKey = `pay-first-signin:${sessionId}`;
  if (await db.email.findFirst({ where: { dedupeKey }, select: { id: true } })) return;
  const token = randomBytes(32).toString('hex');
  const minutes = signInLinkMinutes();
  await db.verificationToken.create({
    data: { identifier: email, token: hashVerificationToken(token), expires: new Date(Date.now() + minutes * 60_000) },
  });
  const locale = await recipientLocale(userId);
  const base = (process.env.NEXTAUTH_URL ?? siteUrl()).replace(/\/+$/, '');
  const callback = new URL(`${base}/api/auth/callback/email`);
  callback.searchParams.set('callbackUrl', `${siteUrl()}${localePath(locale, '/account')}`);
  callback.searchParams.set('token', token);
  callback.searchParams.set('email', email);
  const url = confirmUrlFromCallbackUrl(callback.toString(), base);
  const mail = paidSignInEmail({ url, siteName: siteName(), minutes, locale });
  await sendEmail({ to: email, ...mail, kind: 'magic-link', userId, dedupeKey, redact: [token] });
}

/** The language of a reader's emails (User.locale). */
async function recipientLocale(userId: string): Promise<Locale> {
  const db = await getDb();
  return toLocale((await db.user.findUnique({ where: { id: userId }, select: { locale: true } }))?.locale);
}

/** The sign-in email after paying with an address that has an account: the membership is there. */
export function paidSignInEmail({
  url,
  siteName: name,
  minutes,
  locale = DEFAULT_LOCALE,
}: {
  url: string;
  siteName: string;
  minutes: number;
  locale?: Locale;
}): RenderedEmail {
  const t = translator(locale, 'email.payFirst');
  const base = magicLinkEmail({ url, siteName: name, minutes, locale });
  const subject = t('paidSubject', { site: name });
  const text = [t('paidThanks', { site: name }), '', t('paidAdded'), '', base.text].join('\n');
  const html = layout({
    title: subject,
    siteName: name,
    lang: locale,
    preheader: t('paidPreheader'),
    bodyHtml: [
      `<h1 style="font-size:24px;margin:0 0 16px">${escapeHtml(t('paidHeading'))}</h1>`,
      `<p style="margin:0 0 12px">${escapeHtml(t('paidAddedHtml', { site: name }))}</p>`,
      `<p style="margin:0 0 12px"><a href="${safeHref(url)}" style="color:#1d3f72;word-break:break-all">${escapeHtml(url)}</a></p>`,
      `<p style="margin:0 0 12px;font-size:15px;color:#555">${escapeHtml(t('paidExpires', { minutes }))}</p>`,
    ].join('\n'),
  });
  return { subject, text, html };
}

/** ALREADY_PATRON: cancel the second subscription now and refund what it charged, then say so by email. */
async function undoDoubleMembership(s: Stripe.Checkout.Session, g: ResolvedGuest): Promise<void> {
  const stripe = getStripe();
  const subId = idOf(s.subscription);
  if (subId) {
    const sub = await stripe.subscriptions.retrieve(subId);
    if (sub.status !== 'canceled') await stripe.subscriptions.cancel(subId);
  }
  const customerId = idOf(s.customer);
  if (customerId) {
    // Checkout created this customer for this session: every charge on it is this checkout's.
    const charges = await stripe.charges.list({ customer: customerId, limit: 20 });
    for (const c of charges.data) if (c.status === 'succeeded' && !c.refunded) await stripe.refunds.create({ charge: c.id });
  }
  const locale = await recipientLocale(g.userId);
  const t = translator(locale, 'email.payFirst');
  const account = `${siteUrl()}${localePath(locale, '/account')}`;
  const body = t('alreadyBody', { site: siteName() });
  await sendEmail({
    to: g.email,
    kind: 'pay-first-already-patron',
    userId: g.userId,
    dedupeKey: `pay-first-already-patron:${s.id}`,
    subject: t('alreadySubject', { site: siteName() }),
    text: `${body}\n\n${t('alreadyLink')}: ${account}`,
    html: layout({
      title: t('alreadyTitle'),
      siteName: siteName(),
      lang: locale,
      bodyHtml: `<p style="margin:0 0 12px">${escapeHtml(body)}</p><p><a href="${safeHref(account)}">${escapeHtml(t('alreadyLink'))}</a></p>`,
    }),
  });
}

export type GuestCheckoutState = {
  state: 'pending' | 'ready';
  outcome: GuestOutcome | null;
  /** NEW_ACCOUNT, not yet claimed, not expired: the page may claim it. */
  canClaim: boolean;
  mode: string | null;
  tierName: string | null;
};

/** For the success page of a browser that is not signed in: only the browser holding the claim secret learns anything. */
export async function guestCheckoutState(
  sessionId: string,
  claimSecret: string | null,
  now: Date = new Date(),
): Promise<GuestCheckoutState | null> {
  if (!claimSecret) return null;
  const db = await getDb();
  const row = await db.guestCheckout.findUnique({ where: { id: sessionId } });
  if (!row || row.claimHash !== hashClaim(claimSecret)) return null;
  const checkout = row.outcome
    ? await db.checkout.findUnique({
        where: { id: sessionId },
        select: { mode: true, status: true, subscriptionId: true, tier: { select: { name: true } } },
      })
    : null;
  const ready = Boolean(
    row.outcome && checkout && checkout.status === 'COMPLETED' && (checkout.mode !== 'subscription' || checkout.subscriptionId),
  );
  const canClaim = ready && row.outcome === 'NEW_ACCOUNT' && !row.claimedAt && Boolean(row.claimExpiresAt && row.claimExpiresAt > now);
  return {
    state: ready ? 'ready' : 'pending',
    outcome: ready ? (row.outcome as GuestOutcome) : null,
    canClaim,
    mode: checkout?.mode ?? null,
    tierName: checkout?.tier?.name ?? null,
  };
}

export type ClaimResult =
  | { ok: true; userId: string; sessionToken: string; expires: Date }
  | { ok: false; reason: 'unknown' | 'not-ready' | 'existing-account' | 'spent' | 'expired' };

/**
 * Spends the claim of a NEW_ACCOUNT guest checkout for a database session (the next-auth Session table,
 * so next-auth reads it like any other). One statement decides: the claim hash must match, the outcome
 * must be NEW_ACCOUNT, unclaimed and unexpired; a second claim (or another node's) finds it spent.
 */
export async function claimGuestCheckout(sessionId: string, claimSecret: string | null, now: Date = new Date()): Promise<ClaimResult> {
  if (!claimSecret) return { ok: false, reason: 'unknown' };
  const db = await getDb();
  const hash = hashClaim(claimSecret);
  const row = await db.guestCheckout.findUnique({ where: { id: sessionId } });
  if (!row || row.claimHash !== hash) return { ok: false, reason: 'unknown' };
  if (!row.outcome || !row.userId) return { ok: false, reason: 'not-ready' };
  if (row.outcome !== 'NEW_ACCOUNT') return { ok: false, reason: 'existing-account' };
  if (row.claimedAt) return { ok: false, reason: 'spent' };
  if (!row.claimExpiresAt || row.claimExpiresAt <= now) return { ok: false, reason: 'expired' };
  const sessionToken = randomUUID();
  const expires = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  return db.$transaction(async (tx) => {
    const { count } = await tx.guestCheckout.updateMany({
      where: { id: sessionId, claimHash: hash, outcome: 'NEW_ACCOUNT', claimedAt: null, claimExpiresAt: { gt: now } },
      data: { claimedAt: now },
    });
    if (count !== 1) return { ok: false as const, reason: 'spent' as const };
    const session = await tx.session.create({ data: { sessionToken, userId: row.userId!, expires } });
    await tx.guestCheckout.update({ where: { id: sessionId }, data: { claimedSessionId: session.id } });
    return { ok: true as const, userId: row.userId!, sessionToken, expires };
  });
}

export function sessionCookieHeader(token: string, expires: Date): string {
  const secure = secureCookies();
  const name = `${secure ? '__Secure-' : ''}next-auth.session-token`;
  return `${name}=${token}; Path=/; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * When an address is first proven by an emailed sign-in link, sessions that a pay-first claim opened for
 * it are ended: whoever typed the address into Checkout may not have been its owner.
 */
export async function endClaimedSessions(userId: string): Promise<number> {
  const db = await getDb();
  const rows = await db.guestCheckout.findMany({
    where: { userId, claimedSessionId: { not: null } },
    select: { id: true, claimedSessionId: true },
  });
  if (!rows.length) return 0;
  const { count } = await db.session.deleteMany({ where: { id: { in: rows.map((r) => r.claimedSessionId!) } } });
  await db.guestCheckout.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { claimedSessionId: null } });
  return count;
}
