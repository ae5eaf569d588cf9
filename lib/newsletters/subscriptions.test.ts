/**
 * Sign-up with double opt-in, the same answer for known addresses, confirmation, one-click
 * unsubscribe, preferences, patrons-only sending, bounces, the account export and deletion hooks.
 */
import { describe, expect, it, vi } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { drainJobs } from '@/lib/jobs/testing';
import { addSubscription, makePatron, makeUser } from '@/lib/voting/testing';
import {
  confirmSubscription,
  exportSubscriptions,
  preferencesFor,
  requestSignup,
  saveAccountChoices,
  savePreferences,
  subscriptionsOf,
  unsubscribeByToken,
} from './subscriptions';
import { createIssue, issueProgress, startIssue } from './issues';
import { recordBounceEvents } from './bounces';
import { newsletterToken } from './tokens';
import { confirmedSubscriber, makeArticle, makeNewsletter } from './testing';
import { newsletterFigures } from './figures';
import { deleteMyAccount, exportMyData } from '@/lib/billing/account';

const db = setupTestDb();

const outbox = (to: string) => db.prisma.email.findMany({ where: { to }, orderBy: { createdAt: 'asc' } });
const tokenIn = (text: string) => /token=([A-Za-z0-9_.-]+)/.exec(text)?.[1];

describe('sign-up', () => {
  it('sends nothing but a confirmation until the link is used, then the reader is on the list', async () => {
    const n = await makeNewsletter(db.prisma);
    const article = await makeArticle(db.prisma);
    await requestSignup({ email: 'Reader@Example.com', newsletter: n.slug, source: 'end-of-article' });
    await drainJobs();
    const mails = await outbox('reader@example.com');
    expect(mails.map((m) => m.kind)).toEqual(['newsletter-confirm']);
    expect(mails[0]!.text).toContain('/newsletters/confirm?token=');
    expect(mails[0]!.html).toContain('Confirm my sign-up');

    // An issue sent while the address is pending does not reach it.
    const early = await createIssue({ newsletterId: n.id, subject: 'Before confirming', articleIds: [article.id] }, null);
    await startIssue(early);
    await drainJobs();
    expect((await outbox('reader@example.com')).map((m) => m.kind)).toEqual(['newsletter-confirm']);

    const confirmed = await confirmSubscription(tokenIn(mails[0]!.text));
    expect(confirmed?.newsletter).toBe(n.name);
    expect(await db.prisma.newsletterSubscription.findFirstOrThrow({ where: { email: 'reader@example.com' } })).toMatchObject({
      status: 'CONFIRMED',
      source: 'end-of-article',
    });

    const issue = await createIssue({ newsletterId: n.id, subject: 'After confirming', articleIds: [article.id] }, null);
    await startIssue(issue);
    await drainJobs();
    const got = (await outbox('reader@example.com')).filter((m) => m.kind === 'newsletter');
    expect(got.map((m) => m.subject)).toEqual(['After confirming']);
    expect(got[0]!.text).toContain(article.title);
    expect(got[0]!.text).toMatch(/\/newsletters\/preferences\?token=/);
    expect(got[0]!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('answers an already-subscribed address the same way and sends it nothing', async () => {
    const n = await makeNewsletter(db.prisma);
    await confirmedSubscriber(db.prisma, n.id, 'known@example.com');
    await expect(requestSignup({ email: 'known@example.com', newsletter: n.slug, source: 'footer' })).resolves.toBeUndefined();
    await drainJobs();
    expect(await outbox('known@example.com')).toHaveLength(0);
  });

  it('refuses email-only sign-up to a patrons-only letter and to unknown newsletters', async () => {
    const p = await makeNewsletter(db.prisma, 'PATRONS');
    await expect(requestSignup({ email: 'x@example.com', newsletter: p.slug, source: 'footer' })).rejects.toMatchObject({
      code: 'PATRONS_ONLY',
    });
    await expect(requestSignup({ email: 'x@example.com', newsletter: 'no-such-letter', source: 'footer' })).rejects.toMatchObject({
      code: 'UNKNOWN_NEWSLETTER',
    });
  });

  it('a forged or wrong-purpose token confirms nothing', async () => {
    const n = await makeNewsletter(db.prisma);
    const s = await db.prisma.newsletterSubscription.create({ data: { newsletterId: n.id, email: 'forge@example.com' } });
    expect(await confirmSubscription('abc.def')).toBeNull();
    expect(await confirmSubscription(newsletterToken('manage', s.id))).toBeNull();
    expect((await db.prisma.newsletterSubscription.findUniqueOrThrow({ where: { id: s.id } })).status).toBe('PENDING');
  });
});

describe('unsubscribe and preferences', () => {
  it('one-click unsubscribes the newsletter the token names; preferences change the rest without signing in', async () => {
    const a = await makeNewsletter(db.prisma);
    const b = await makeNewsletter(db.prisma);
    const sa = await confirmedSubscriber(db.prisma, a.id, 'prefs@example.com');
    await confirmedSubscriber(db.prisma, b.id, 'prefs@example.com');
    const token = newsletterToken('manage', sa.id);
    expect(await unsubscribeByToken(token)).toBe(true);
    expect(await unsubscribeByToken(token)).toBe(true);
    expect(await unsubscribeByToken('forged.token')).toBe(false);
    let prefs = await preferencesFor(token);
    expect(prefs!.choices.filter((c) => [a.id, b.id].includes(c.id)).map((c) => [c.id, c.subscribed])).toEqual([
      [a.id, false],
      [b.id, true],
    ]);
    expect(await savePreferences(token, [a.id])).toBe(true);
    prefs = await preferencesFor(token);
    expect(prefs!.choices.filter((c) => [a.id, b.id].includes(c.id)).map((c) => [c.id, c.subscribed])).toEqual([
      [a.id, true],
      [b.id, false],
    ]);
  });
});

describe('patrons-only letters', () => {
  it('go only to readers who are patrons when it is sent', async () => {
    const letter = await makeNewsletter(db.prisma, 'PATRONS');
    const article = await makeArticle(db.prisma);
    const patron = await makePatron(db.prisma);
    const reader = await makeUser(db.prisma);
    const lapsed = await makeUser(db.prisma);
    await addSubscription(db.prisma, lapsed.id, 'lapsed');
    for (const u of [patron, reader, lapsed]) await saveAccountChoices(u, [letter.id]);
    // An address on the list without an account can never be shown to be a patron.
    await confirmedSubscriber(db.prisma, letter.id, 'anonymous@example.com');
    const issue = await createIssue({ newsletterId: letter.id, subject: 'From the editor', articleIds: [article.id] }, null);
    await startIssue(issue);
    await drainJobs();
    const sent = await db.prisma.email.findMany({ where: { kind: 'newsletter', subject: 'From the editor' } });
    expect(sent.map((m) => m.to)).toEqual([patron.email.toLowerCase()]);
    expect(await issueProgress(issue)).toMatchObject({ sent: 1, skipped: 3, pending: 0 });
    expect((await db.prisma.newsletterIssue.findUniqueOrThrow({ where: { id: issue } })).status).toBe('SENT');
  });
});

describe('bounces and complaints', () => {
  it('repeated hard bounces stop newsletters to the address; a complaint unsubscribes at once', async () => {
    const n = await makeNewsletter(db.prisma);
    const article = await makeArticle(db.prisma);
    await confirmedSubscriber(db.prisma, n.id, 'bouncy@example.com');
    await confirmedSubscriber(db.prisma, n.id, 'angry@example.com');
    await confirmedSubscriber(db.prisma, n.id, 'fine@example.com');
    expect((await recordBounceEvents([{ type: 'hard-bounce', email: 'bouncy@example.com' }])).suppressed).toEqual([]);
    expect(
      (
        await recordBounceEvents([
          { type: 'hard-bounce', email: 'Bouncy@example.com' },
          { type: 'complaint', email: 'angry@example.com' },
        ])
      ).suppressed,
    ).toEqual(['bouncy@example.com', 'angry@example.com']);
    expect((await db.prisma.newsletterSubscription.findFirstOrThrow({ where: { email: 'angry@example.com' } })).status).toBe(
      'UNSUBSCRIBED',
    );
    const issue = await createIssue({ newsletterId: n.id, subject: 'Bounce test', articleIds: [article.id] }, null);
    await startIssue(issue);
    await drainJobs();
    const sent = await db.prisma.email.findMany({ where: { kind: 'newsletter', subject: 'Bounce test' } });
    expect(sent.map((m) => m.to)).toEqual(['fine@example.com']);
  });
});

describe('account data and figures', () => {
  it('subscriptions are in the export and found by the deletion clause; figures count them', async () => {
    const n = await makeNewsletter(db.prisma);
    const user = await makeUser(db.prisma);
    await saveAccountChoices(user, [n.id]);
    const exported = await exportSubscriptions(user);
    expect(exported.find((e) => e.newsletter.name === n.name)).toMatchObject({ status: 'CONFIRMED', source: 'account' });
    expect(await db.prisma.newsletterSubscription.count({ where: subscriptionsOf(user) })).toBeGreaterThan(0);
    // Signed up and confirmed, then became a patron: a newsletter → patron conversion.
    await addSubscription(db.prisma, user.id, 'active', new Date(Date.now() + 1000));
    await db.prisma.subscription.updateMany({ where: { userId: user.id }, data: { startedAt: new Date(Date.now() + 60_000) } });
    await requestSignup({ email: 'pending-one@example.com', newsletter: n.slug, source: 'home' });
    const figures = await newsletterFigures();
    const row = figures.newsletters.find((r) => r.id === n.id)!;
    expect(row).toMatchObject({ subscribersNow: 1, pendingNow: 1, signups: 1, confirmed: 0, confirmationRate: 0, conversions: 1 });
    expect(row.series.at(-1)).toBe(1);
  });

  it('the account export lists them, and deleting the account removes them and the deliveries naming the address', async () => {
    const n = await makeNewsletter(db.prisma);
    const article = await makeArticle(db.prisma);
    const user = await makeUser(db.prisma);
    await saveAccountChoices(user, [n.id]);
    const issue = await createIssue({ newsletterId: n.id, subject: 'Before leaving', articleIds: [article.id] }, null);
    await startIssue(issue);
    await drainJobs();
    const data = (await exportMyData(user.id)) as { newsletters: { newsletter: { name: string }; status: string }[] };
    expect(data.newsletters.map((x) => [x.newsletter.name, x.status])).toEqual([[n.name, 'CONFIRMED']]);
    // A reader without a Stripe customer: deletion makes no Stripe call (the client only needs a key).
    vi.stubEnv('STRIPE_SECRET_KEY', 'sk_test_not_called');
    try {
      await deleteMyAccount(user.id);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await db.prisma.newsletterSubscription.count({ where: { email: user.email.toLowerCase() } })).toBe(0);
    expect(await db.prisma.newsletterDelivery.count({ where: { email: user.email.toLowerCase() } })).toBe(0);
  });
});
