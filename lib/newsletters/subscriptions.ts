/**
 * Who gets which newsletter. Email-only sign-up is double opt-in: a PENDING row and a confirmation
 * email (queued as a `newsletter.confirm` job in the same transaction); nothing else is ever sent to a
 * PENDING address. The answer to a sign-up is the same whether or not the address was on the list
 * (the caller shows one sentence), and an address already confirmed gets no email at all.
 * Signed-in readers choose at /account: their address is proven by the sign-in link, so their
 * choices are confirmed at once.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale } from '@/lib/i18n/locales';
import { localizedNewsletter } from './localized';
import { z } from 'zod';
import { sentence } from '@/lib/i18n/sentence';
import { getDb } from '@/lib/db/client';
import { enqueue, getQueue } from '@/lib/jobs/queue';
import { newsletterToken, verifyNewsletterToken } from './tokens';
import { listNewsletters, NewsletterError, type NewsletterSummary } from './newsletters';

export const SIGNUP_SOURCES = ['end-of-article', 'home', 'footer', 'account', 'success', 'preferences'] as const;
export type SignupSource = (typeof SIGNUP_SOURCES)[number];

export const signupInput = z.object({
  email: z
    .string()
    .trim()
    .max(254, 'Enter a valid email address, like name@example.com')
    .pipe(z.email({ error: 'Enter a valid email address, like name@example.com' })),
  newsletter: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,119}$/, 'Choose a newsletter.'),
  // Only the slots' own names: account, success and preferences choices never come through this form.
  source: z.enum(['end-of-article', 'home', 'footer']).catch('footer'),
  /** The language of the page the form is on: the confirmation email comes in it. */
  locale: z.enum(LOCALES).catch(DEFAULT_LOCALE).optional(),
});

export const SIGNUP_ANSWER =
  'Thanks! If this address is not on the list yet, we have emailed it a link: the newsletter starts once you confirm.';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * An email-only sign-up to a free newsletter. Creates (or re-opens) a PENDING subscription and queues
 * its confirmation; a confirmed address is left alone and gets nothing. Throws NewsletterError only
 * for a newsletter that does not take email-only sign-ups (unknown, archived, or for patrons).
 */
export async function requestSignup(input: z.infer<typeof signupInput>, { now = new Date() }: { now?: Date } = {}): Promise<void> {
  const email = normaliseEmail(input.email);
  const db = await getDb();
  const newsletter = await db.newsletter.findUnique({
    where: { slug: input.newsletter },
    select: { id: true, audience: true, archivedAt: true },
  });
  if (!newsletter || newsletter.archivedAt) throw new NewsletterError('UNKNOWN_NEWSLETTER', sentence('newsletters.errors.unknown'));
  if (newsletter.audience !== 'EVERYONE') throw new NewsletterError('PATRONS_ONLY', sentence('newsletters.errors.patronsOnly'));
  // The language its issues come in, for a subscriber without an account (lib/newsletters/issues.ts).
  const locale = input.locale ?? null;
  await getQueue();
  await db.$transaction(async (tx) => {
    const existing = await tx.newsletterSubscription.findUnique({
      where: { newsletterId_email: { newsletterId: newsletter.id, email } },
      select: { id: true, status: true },
    });
    if (existing?.status === 'CONFIRMED') return;
    const row = existing
      ? await tx.newsletterSubscription.update({
          where: { id: existing.id },
          data: { status: 'PENDING', unsubscribedAt: null, source: input.source, ...(locale ? { locale } : {}) },
          select: { id: true },
        })
      : await tx.newsletterSubscription.create({
          data: { newsletterId: newsletter.id, email, status: 'PENDING', source: input.source, locale, createdAt: now },
          select: { id: true },
        });
    await enqueue('newsletter.confirm', { subscriptionId: row.id, ...(input.locale ? { locale: input.locale } : {}) }, { tx });
  });
}

/** Confirms the subscription a confirmation token names. Returns the newsletter's name, or null for a bad token. */
export async function confirmSubscription(
  token: unknown,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ newsletter: string; manageToken: string } | null> {
  const id = verifyNewsletterToken('confirm', token);
  if (!id) return null;
  const db = await getDb();
  const sub = await db.newsletterSubscription.findUnique({
    where: { id },
    select: { id: true, status: true, newsletter: { select: { name: true } } },
  });
  if (!sub) return null;
  // Only a pending sign-up is confirmed: a link from an old email does not undo a later unsubscribe.
  if (sub.status === 'PENDING')
    await db.newsletterSubscription.updateMany({ where: { id, status: 'PENDING' }, data: { status: 'CONFIRMED', confirmedAt: now } });
  return { newsletter: sub.newsletter.name, manageToken: newsletterToken('manage', sub.id) };
}

/** What a confirmation token names, for the confirm page (null = bad token or no such sign-up); the newsletter's name in `locale`. */
export async function pendingSignup(
  token: unknown,
  locale: Locale = DEFAULT_LOCALE,
): Promise<{ newsletter: string; email: string; status: string } | null> {
  const id = verifyNewsletterToken('confirm', token);
  if (!id) return null;
  const db = await getDb();
  const sub = await db.newsletterSubscription.findUnique({
    where: { id },
    select: { email: true, status: true, newsletter: { select: { name: true, description: true, translations: true } } },
  });
  return sub ? { newsletter: localizedNewsletter(sub.newsletter, locale).name, email: sub.email, status: sub.status } : null;
}

/** One-click unsubscribe (RFC 8058) from the newsletter the manage token's subscription is on. Idempotent. */
export async function unsubscribeByToken(token: unknown, { now = new Date() }: { now?: Date } = {}): Promise<boolean> {
  const id = verifyNewsletterToken('manage', token);
  if (!id) return false;
  const db = await getDb();
  const sub = await db.newsletterSubscription.findUnique({ where: { id }, select: { id: true } });
  if (!sub) return false;
  await db.newsletterSubscription.updateMany({
    where: { id, status: { not: 'UNSUBSCRIBED' } },
    data: { status: 'UNSUBSCRIBED', unsubscribedAt: now },
  });
  return true;
}

export type Choice = NewsletterSummary & { subscribed: boolean; pending: boolean };

async function choicesForEmail(email: string): Promise<Choice[]> {
  const db = await getDb();
  const [all, subs] = await Promise.all([
    listNewsletters(),
    db.newsletterSubscription.findMany({ where: { email }, select: { newsletterId: true, status: true } }),
  ]);
  const status = new Map(subs.map((s) => [s.newsletterId, s.status]));
  return all.map((n) => ({ ...n, subscribed: status.get(n.id) === 'CONFIRMED', pending: status.get(n.id) === 'PENDING' }));
}

/** The preferences page (from any newsletter email, no sign-in): the address the token names and its choices. */
export async function preferencesFor(token: unknown): Promise<{ email: string; choices: Choice[] } | null> {
  const id = verifyNewsletterToken('manage', token);
  if (!id) return null;
  const db = await getDb();
  const sub = await db.newsletterSubscription.findUnique({ where: { id }, select: { email: true } });
  if (!sub) return null;
  return { email: sub.email, choices: await choicesForEmail(sub.email) };
}

async function setChoices(
  email: string,
  userId: string | null,
  wanted: Set<string>,
  allowed: (n: NewsletterSummary) => boolean,
  source: SignupSource,
  now: Date,
): Promise<void> {
  const db = await getDb();
  const all = await listNewsletters();
  for (const n of all) {
    const key = { newsletterId_email: { newsletterId: n.id, email } };
    if (wanted.has(n.id) && allowed(n)) {
      await db.newsletterSubscription.upsert({
        where: key,
        create: { newsletterId: n.id, email, userId, status: 'CONFIRMED', confirmedAt: now, source, createdAt: now },
        update: { status: 'CONFIRMED', unsubscribedAt: null, ...(userId ? { userId } : {}) },
      });
      await db.newsletterSubscription.updateMany({ where: { newsletterId: n.id, email, confirmedAt: null }, data: { confirmedAt: now } });
    } else if (!wanted.has(n.id)) {
      await db.newsletterSubscription.updateMany({
        where: { newsletterId: n.id, email, status: { not: 'UNSUBSCRIBED' } },
        data: { status: 'UNSUBSCRIBED', unsubscribedAt: now },
      });
    }
  }
}

/**
 * Saves the preferences page. The token proves the address receives our newsletters, so a free
 * newsletter ticked there is confirmed at once; a patrons' letter can be left there but only chosen
 * on /account (it needs to know who the reader is).
 */
export async function savePreferences(
  token: unknown,
  newsletterIds: string[],
  { now = new Date() }: { now?: Date } = {},
): Promise<boolean> {
  const prefs = await preferencesFor(token);
  if (!prefs) return false;
  const current = new Set(prefs.choices.filter((c) => c.subscribed && c.audience === 'PATRONS').map((c) => c.id));
  const wanted = new Set(
    newsletterIds.filter((id) => prefs.choices.some((c) => c.id === id && (c.audience === 'EVERYONE' || current.has(id)))),
  );
  await setChoices(prefs.email, null, wanted, (n) => n.audience === 'EVERYONE' || current.has(n.id), 'preferences', now);
  return true;
}

/** A signed-in reader's choices (/account). */
export async function accountChoices(user: { email: string }): Promise<Choice[]> {
  return choicesForEmail(normaliseEmail(user.email));
}

/**
 * Saves a signed-in reader's choices. Any reader may choose the patrons' letter: it is sent only to
 * patrons, decided at send time by patronStatus (so a new patron whose payment is still being
 * confirmed can choose it on the success page, and a lapsed one simply stops getting it).
 */
export async function saveAccountChoices(
  user: { id: string; email: string },
  newsletterIds: string[],
  source: SignupSource = 'account',
  { now = new Date() }: { now?: Date } = {},
): Promise<void> {
  await setChoices(normaliseEmail(user.email), user.id, new Set(newsletterIds), () => true, source, now);
}

/** Adds one newsletter to a signed-in reader's choices (the success page's offer), leaving the others. */
export async function subscribeSignedIn(
  user: { id: string; email: string },
  newsletterId: string,
  source: SignupSource,
  { now = new Date() }: { now?: Date } = {},
): Promise<boolean> {
  const choices = await accountChoices(user);
  if (!choices.some((c) => c.id === newsletterId)) return false;
  await saveAccountChoices(user, [...choices.filter((c) => c.subscribed).map((c) => c.id), newsletterId], source, { now });
  return true;
}

/** For the account data export. */
export async function exportSubscriptions(user: { id: string; email: string }) {
  const db = await getDb();
  return db.newsletterSubscription.findMany({
    where: { OR: [{ userId: user.id }, { email: normaliseEmail(user.email) }] },
    select: {
      email: true,
      status: true,
      source: true,
      createdAt: true,
      confirmedAt: true,
      unsubscribedAt: true,
      newsletter: { select: { name: true } },
    },
    orderBy: { createdAt: 'asc' },
  });
}

/** Where-clause of everything newsletter-related about a person: account deletion removes it. */
export function subscriptionsOf(user: { id: string; email: string }) {
  return { OR: [{ userId: user.id }, { email: normaliseEmail(user.email) }] };
}

/** The first patrons-only newsletter the reader does not receive yet (offered on the success page), or null. */
export async function patronLetterToOffer(user: {
  email: string;
}): Promise<{ id: string; name: string; description: string; translations: unknown } | null> {
  const letter = (await accountChoices(user)).find((c) => c.audience === 'PATRONS' && !c.subscribed);
  return letter ? { id: letter.id, name: letter.name, description: letter.description, translations: letter.translations } : null;
}
