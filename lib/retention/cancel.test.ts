/**
 * Cancelling in the app against the local Stripe stand-in and the real webhook route: reasons, the
 * pause offer (Stripe pause_collection → mirror → patronStatus 'paused' → no vote, no MRR), the lower
 * and yearly offers, cancelling at the period end with the confirmation email, the one-time link
 * from /cancel, the win-back job, and the dashboard figures.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { POST as cancelPOST } from '@/app/api/cancel/route';
import { POST as linkPOST } from '@/app/api/cancel/link/route';
import { startBillingHarness, subscribeInStripe, type BillingHarness } from '@/lib/billing/testing';
import { patronStatus } from '@/lib/billing/patron-status';
import { getDashboard, parseDashboardParams } from '@/lib/analytics/dashboard';
import { castVote } from '@/lib/voting/votes';
import { makeRound, makeTopics } from '@/lib/voting/testing';
import { drainJobs } from '@/lib/jobs/testing';
import { setSessionLookupForTesting } from '@/lib/auth/session';
import { decide, offersFor, offersForUser, recordReason, resumePause, addMonths, CancelError } from './cancel';
import { hashToken, requestCancelLink, spendCancelToken, userOfCancelToken } from './links';
import { saveRetentionSettings, DEFAULT_RETENTION_SETTINGS } from './settings';
import { sendWinbackEmails } from './winback';
import { recordOutsideCancellation, reasonOfFeedback, turnedCancelled } from './portal-cancel';
import { getRetentionStats, summarise } from './stats';
import { errorMessageIn } from '@/lib/errors/domain-error';

let db: TestDb;
let h: BillingHarness;
let n = 0;

beforeAll(async () => {
  db = await createTestDb();
  h = await startBillingHarness({ webhook: webhookPOST });
  vi.stubEnv('EMAIL_SERVER', '');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(async () => {
  setSessionLookupForTesting(undefined);
  vi.unstubAllEnvs();
  await h?.close();
  await db?.close();
});

async function patron(plan: { amount: number; interval: 'MONTH' | 'YEAR' } = { amount: 1000, interval: 'MONTH' }) {
  const p = db.prisma;
  const i = ++n;
  const user = await p.user.create({ data: { email: `leaver${i}@example.com`, name: `Leaver ${i}` } });
  const { tierId, priceId, customerId } = await subscribeInStripe(h, p, { id: user.id, email: user.email }, plan);
  // subscribeInStripe names every tier "friend": give each its own slug.
  await p.tier.update({ where: { id: tierId }, data: { slug: `friend-${i}` } });
  const sub = await p.subscription.findFirstOrThrow({ where: { userId: user.id } });
  return { user, tierId, priceId, customerId, sub };
}

const mrr = async () => (await getDashboard(parseDashboardParams({}))).headline.mrr.current;
const patrons = async () => (await getDashboard(parseDashboardParams({}))).headline.activePatrons.current;

describe('offers', () => {
  it('lists the configured offers only (pure)', () => {
    const sub = { amount: 1000, currency: 'usd', interval: 'MONTH' as const };
    expect(offersFor(DEFAULT_RETENTION_SETTINGS, sub, { amount: 10000 }).map((o) => o.key)).toEqual([
      'pause:1',
      'pause:2',
      'pause:3',
      'yearly',
    ]);
    expect(
      offersFor({ pauseMaxMonths: 1, lowerPercent: 30, yearlyOffer: false, winbackDays: 0 }, sub, { amount: 10000 }).map((o) => [
        o.key,
        o.amount,
      ]),
    ).toEqual([
      ['pause:1', undefined],
      ['lower', 700],
    ]);
    // Nothing below the smallest amount; no yearly switch for a yearly plan.
    expect(
      offersFor(
        { pauseMaxMonths: 0, lowerPercent: 90, yearlyOffer: true, winbackDays: 0 },
        { ...sub, amount: 300, interval: 'YEAR' },
        { amount: 1 },
      ),
    ).toEqual([]);
    expect(addMonths(new Date('2027-01-31T10:00:00Z'), 1).toISOString()).toBe('2027-02-28T10:00:00.000Z');
  });
});

describe('pause offer', () => {
  it('pauses collection in Stripe, the mirror records it, the patron is "paused" (no vote, no MRR) and counts as saved', async () => {
    const { user, sub } = await patron();
    const mrrBefore = await mrr();
    const patronsBefore = await patrons();
    expect((await patronStatus(user.id)).state).toBe('active');

    const req = await recordReason(user.id, { reason: 'too_expensive', detail: 'Money is tight', via: 'account' });
    const result = await decide(user.id, req.id, { choice: 'pause', months: 2 });
    expect(result.outcome).toBe('paused');
    await h.settle();

    const inStripe = await h.stripe.subscriptions.retrieve(sub.id);
    expect(inStripe.status).toBe('active');
    expect(inStripe.pause_collection).toMatchObject({ behavior: 'void', resumes_at: Math.floor(result.until!.getTime() / 1000) });
    const row = await db.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(row.pauseBehavior).toBe('void');
    expect(row.pauseResumesAt?.getTime()).toBe(Math.floor(result.until!.getTime() / 1000) * 1000);

    const status = await patronStatus(user.id);
    expect(status).toMatchObject({ isPatron: false, state: 'paused' });
    expect(status.pausedUntil?.getTime()).toBe(row.pauseResumesAt!.getTime());
    // After the pause ends the usual rules apply again.
    expect((await patronStatus(user.id, new Date(row.pauseResumesAt!.getTime() + 1000))).state).toBe('active');

    const round = await makeRound(db.prisma);
    const [topic] = await makeTopics(db.prisma, round.id, 1);
    await expect(castVote(user.id, topic!.id)).rejects.toMatchObject({ code: 'NOT_PATRON' });

    expect(await mrr()).toBe(mrrBefore - 1000);
    expect(await patrons()).toBe(patronsBefore - 1);
    expect((await db.prisma.cancellationRequest.findUniqueOrThrow({ where: { id: req.id } })).outcome).toBe('paused');
    // A paused membership is not offered to cancel again from the app (it has nothing renewing now).
    expect((await offersForUser(user.id)).sub).toBeNull();
    await expect(decide(user.id, req.id, { choice: 'cancel' })).rejects.toBeInstanceOf(CancelError);
  });

  it('refuses a pause longer than staff allow', async () => {
    await saveRetentionSettings({ pauseMaxMonths: 1, lowerPercent: 0, yearlyOffer: true, winbackDays: 30 });
    try {
      const { user } = await patron();
      const req = await recordReason(user.id, { reason: 'other', via: 'account' });
      await expect(decide(user.id, req.id, { choice: 'pause', months: 3 })).rejects.toThrow(/not on offer/);
    } finally {
      await saveRetentionSettings(DEFAULT_RETENTION_SETTINGS);
    }
  });
});

describe('lower amount and yearly offers', () => {
  it('switches to a lower price of the same tier, and to the tier yearly price', async () => {
    await saveRetentionSettings({ pauseMaxMonths: 0, lowerPercent: 40, yearlyOffer: true, winbackDays: 30 });
    try {
      const a = await patron();
      const ra = await recordReason(a.user.id, { reason: 'too_expensive', via: 'account' });
      expect((await decide(a.user.id, ra.id, { choice: 'lower' })).outcome).toBe('lowered');
      await h.settle();
      const lowered = await db.prisma.subscription.findUniqueOrThrow({ where: { id: a.sub.id } });
      expect(lowered).toMatchObject({ amount: 600, tierId: a.tierId, status: 'active', cancelAtPeriodEnd: false });

      const b = await patron();
      const product = (await h.stripe.prices.retrieve(b.priceId)).product as string;
      const yearly = await h.stripe.prices.create({ product, currency: 'usd', unit_amount: 10000, recurring: { interval: 'year' } });
      await db.prisma.tierPrice.create({
        data: { tierId: b.tierId, currency: 'usd', interval: 'YEAR', amount: 10000, stripePriceId: yearly.id },
      });
      const rb = await recordReason(b.user.id, { reason: 'not_reading', via: 'account' });
      expect((await offersForUser(b.user.id)).offers.map((o) => o.key)).toEqual(['lower', 'yearly']);
      expect((await decide(b.user.id, rb.id, { choice: 'yearly' })).outcome).toBe('yearly');
      await h.settle();
      expect(await db.prisma.subscription.findUniqueOrThrow({ where: { id: b.sub.id } })).toMatchObject({
        interval: 'YEAR',
        amount: 10000,
        tierId: b.tierId,
      });
    } finally {
      await saveRetentionSettings(DEFAULT_RETENTION_SETTINGS);
    }
  });
});

describe('cancelling through the emailed one-time link (no sign-in)', () => {
  const form = (path: string, body: Record<string, string>) =>
    new Request(`http://patronage.test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://patronage.test' },
      body: new URLSearchParams(body),
    });

  it('answers alike for any address, emails a patron a link that works once, and cancels at the period end with a confirmation email', async () => {
    setSessionLookupForTesting(async () => null);
    const { user, sub } = await patron();
    const unknown = await linkPOST(form('/api/cancel/link', { email: 'nobody@example.com' }));
    const known = await linkPOST(form('/api/cancel/link', { email: user.email.toUpperCase() }));
    expect([unknown.status, known.status]).toEqual([303, 303]);
    expect(unknown.headers.get('location')).toBe(known.headers.get('location'));
    expect(await db.prisma.email.count({ where: { to: 'nobody@example.com' } })).toBe(0);

    const mail = await db.prisma.email.findFirstOrThrow({ where: { userId: user.id, kind: 'cancel-link' } });
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    // Only the hash is stored.
    const stored = await db.prisma.cancelLinkToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);
    // Opening the link (the confirm page reads it) spends nothing.
    expect(await userOfCancelToken(token)).toBe(user.id);
    expect(await userOfCancelToken(token)).toBe(user.id);

    const res = await cancelPOST(
      form('/api/cancel', { step: 'decide', token, reason: 'coverage', detail: 'Less local news', choice: 'cancel' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/\/cancel\/done\?outcome=canceled/);
    await h.settle();
    const inStripe = await h.stripe.subscriptions.retrieve(sub.id);
    expect(inStripe.cancel_at_period_end).toBe(true);
    expect(inStripe.cancellation_details).toMatchObject({ feedback: 'low_quality', comment: 'Less local news' });
    expect((await patronStatus(user.id)).state).toBe('canceling');
    const request = await db.prisma.cancellationRequest.findFirstOrThrow({ where: { userId: user.id } });
    expect(request).toMatchObject({ reason: 'coverage', via: 'link', outcome: 'canceled' });
    // The confirmation email, queued and delivered by the job.
    await drainJobs();
    const confirmation = await db.prisma.email.findFirstOrThrow({ where: { userId: user.id, kind: 'billing-cancellation-confirmed' } });
    expect(confirmation.status).toBe('sent');

    // The link is spent: a second use is refused, nothing changes.
    const again = await cancelPOST(form('/api/cancel', { step: 'decide', token, choice: 'cancel' }));
    expect(again.status).toBe(400);
    expect(await spendCancelToken(token)).toBeNull();
  });

  it('refuses an expired link, and counts link requests against the limits', async () => {
    const { user } = await patron();
    await requestCancelLink(user.email, '203.0.113.9', new Date(Date.now() - 2 * 3600_000));
    const mail = await db.prisma.email.findFirstOrThrow({ where: { userId: user.id, kind: 'cancel-link' } });
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect(await userOfCancelToken(token)).toBeNull();
    expect(await spendCancelToken(token)).toBeNull();

    vi.stubEnv('LIMIT_CANCEL_LINK_EMAIL', '2/1h');
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await requestCancelLink('someone-else@example.com', '203.0.113.10'));
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    vi.stubEnv('LIMIT_CANCEL_LINK_EMAIL', '3/1h');
  });

  it('on /uk, its refusals are in Ukrainian: the domain’s, the form’s and the limit’s (English unchanged)', async () => {
    const p = db.prisma;
    const reader = await p.user.create({ data: { email: `no-membership-${++n}@example.com` } });
    setSessionLookupForTesting(async () => ({ user: { id: reader.id, email: reader.email, role: 'READER' } }));
    const nothing = await cancelPOST(form('/api/cancel', { step: 'reason', reason: 'other', locale: 'uk' }));
    expect(nothing.status).toBe(409);
    const html = await nothing.text();
    expect(html).toContain('<html lang="uk">');
    expect(html).toContain('У вас немає членства, яке поновлюється, тож скасовувати нічого.');
    expect(await (await cancelPOST(form('/api/cancel', { step: 'reason', reason: 'other' }))).text()).toContain(
      'You have no membership that renews, so there is nothing to cancel.',
    );
    const badStep = await cancelPOST(form('/api/cancel', { step: 'later', locale: 'uk' }));
    expect(badStep.status).toBe(400);
    expect(await badStep.text()).toContain('Виберіть крок: reason або decide.');
    const err = await recordReason(reader.id, { reason: 'other', via: 'account' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CancelError);
    expect(errorMessageIn(err as CancelError, 'uk')).toBe('У вас немає членства, яке поновлюється, тож скасовувати нічого.');

    setSessionLookupForTesting(async () => null);
    vi.stubEnv('LIMIT_CANCEL_LINK_EMAIL', '1/1h');
    try {
      expect((await linkPOST(form('/api/cancel/link', { email: 'limited-uk@example.com', locale: 'uk' }))).status).toBe(303);
      const limited = await linkPOST(form('/api/cancel/link', { email: 'limited-uk@example.com', locale: 'uk' }));
      expect(limited.status).toBe(429);
      expect(await limited.text()).toMatch(/Для цієї адреси вже запитали забагато посилань для скасування\. Зачекайте 60 хвилин/);
    } finally {
      vi.stubEnv('LIMIT_CANCEL_LINK_EMAIL', '3/1h');
    }
  });
});

describe('win-back email and dashboard figures', () => {
  it('emails a former patron once, winbackDays after their membership ended, unless they came back', async () => {
    const { user, sub } = await patron();
    const req = await recordReason(user.id, { reason: 'other_newsroom', via: 'account' });
    await decide(user.id, req.id, { choice: 'cancel' });
    await h.settle();
    // The period ends (Stripe cancels it): simulate with the stand-in's cancel, which the webhook mirrors.
    await h.stripe.subscriptions.cancel(sub.id);
    await h.settle();
    const ended = await db.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect(ended.endedAt).toBeTruthy();

    await sendWinbackEmails(new Date(ended.endedAt!.getTime() + 29 * 86_400_000));
    expect(await db.prisma.email.count({ where: { userId: user.id, kind: 'winback' } })).toBe(0);
    const due = new Date(ended.endedAt!.getTime() + 31 * 86_400_000);
    expect((await sendWinbackEmails(due)).sent).toBeGreaterThanOrEqual(1);
    await sendWinbackEmails(due);
    expect(await db.prisma.email.count({ where: { userId: user.id, kind: 'winback' } })).toBe(1);
  });

  it('figures: reasons, offers accepted and saved members from a hand-built history', async () => {
    const rows = [
      { reason: 'too_expensive', outcome: 'paused' },
      { reason: 'too_expensive', outcome: 'lowered' },
      { reason: 'coverage', outcome: 'canceled' },
      { reason: 'not_reading', outcome: 'yearly' },
      { reason: 'too_expensive', outcome: 'canceled' },
    ];
    expect(summarise(rows, 2)).toEqual({
      requests: 5,
      canceled: 2,
      saved: 3,
      offersAccepted: { paused: 1, lowered: 1, yearly: 1 },
      reasons: [
        { reason: 'too_expensive', count: 3 },
        { reason: 'coverage', count: 1 },
        { reason: 'not_reading', count: 1 },
      ],
      pausedNow: 2,
    });
    // The database so far: one pause, one lower, one yearly, two cancellations (link + win-back), one paused now.
    const s = await getRetentionStats();
    expect(s.offersAccepted).toEqual({ paused: 1, lowered: 1, yearly: 1 });
    expect(s.saved).toBe(3);
    expect(s.canceled).toBe(2);
    expect(s.pausedNow).toBe(1);
  });
});

// After the figures above (another pause would change them).
describe('ending a pause early', () => {
  it('a pause resumed early from /account: Stripe clears pause_collection, the patron votes again, counted as resumed (not reactivated)', async () => {
    const { user, sub } = await patron();
    await expect(resumePause(user.id)).rejects.toMatchObject({ status: 409, code: 'CANCEL_CONFLICT' });
    const req = await recordReason(user.id, { reason: 'too_expensive', via: 'account' });
    await decide(user.id, req.id, { choice: 'pause', months: 3 });
    await h.settle();
    expect((await patronStatus(user.id)).state).toBe('paused');
    const before = (await getDashboard(parseDashboardParams({}))).headline;

    expect(await resumePause(user.id)).toEqual({ subscriptionId: sub.id });
    await h.settle();
    const inStripe = await h.stripe.subscriptions.retrieve(sub.id);
    expect(inStripe.pause_collection).toBeNull();
    expect(inStripe.status).toBe('active');
    const row = await db.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    expect([row.pauseBehavior, row.pauseResumesAt]).toEqual([null, null]);
    expect(await patronStatus(user.id)).toMatchObject({ isPatron: true, state: 'active' });
    const round = await makeRound(db.prisma);
    const [topic] = await makeTopics(db.prisma, round.id, 1);
    await expect(castVote(user.id, topic!.id)).resolves.toMatchObject({ topicId: topic!.id });

    const after = (await getDashboard(parseDashboardParams({}))).headline;
    expect(after.activePatrons.current).toBe(before.activePatrons.current + 1);
    expect(after.resumed.current).toBe(before.resumed.current + 1);
    expect(after.reactivated.current).toBe(before.reactivated.current);
    expect(after.churned.current).toBe(before.churned.current);
    // Not paused any more: nothing to resume.
    await expect(resumePause(user.id)).rejects.toBeInstanceOf(CancelError);
  });
});

describe("cancelled in Stripe's portal", () => {
  it('turnedCancelled: only the write that turns a subscription cancelled (pure)', () => {
    const active = { status: 'active', cancelAtPeriodEnd: false };
    const canceling = { status: 'active', cancelAtPeriodEnd: true };
    const ended = { status: 'canceled', cancelAtPeriodEnd: false };
    expect(turnedCancelled(active, canceling)).toBe(true);
    expect(turnedCancelled(active, ended)).toBe(true);
    expect(turnedCancelled(null, canceling)).toBe(true);
    expect(turnedCancelled(canceling, canceling)).toBe(false);
    expect(turnedCancelled(canceling, ended)).toBe(false);
    expect(turnedCancelled(canceling, active)).toBe(false);
    expect(turnedCancelled(active, active)).toBe(false);
    expect(reasonOfFeedback('low_quality')).toBe('coverage');
    expect(reasonOfFeedback(null)).toBe('unspecified');
  });

  it('is recorded once through the job queue with Stripe’s reason, and the former patron gets one win-back email', async () => {
    const { user, sub } = await patron();
    // What the portal does: cancel at the period end, with the feedback the customer picked.
    await h.stripe.subscriptions.update(sub.id, {
      cancel_at_period_end: true,
      cancellation_details: { feedback: 'too_expensive', comment: 'Cancelled in the portal' },
    });
    await h.settle();
    // Queued by the mirror's write, not yet run.
    expect(await db.prisma.cancellationRequest.count({ where: { subscriptionId: sub.id } })).toBe(0);
    await drainJobs({ names: ['retention.cancellation'] });
    const [req, ...more] = await db.prisma.cancellationRequest.findMany({ where: { subscriptionId: sub.id } });
    expect(more).toEqual([]);
    expect(req).toMatchObject({
      userId: user.id,
      via: 'portal',
      outcome: 'canceled',
      reason: 'too_expensive',
      detail: 'Cancelled in the portal',
    });

    // Replays and the end itself record nothing more (the turn happened once; the job is idempotent too).
    await recordOutsideCancellation(sub.id);
    await h.stripe.subscriptions.cancel(sub.id);
    await h.settle();
    await drainJobs({ names: ['retention.cancellation'] });
    expect(await db.prisma.cancellationRequest.count({ where: { subscriptionId: sub.id } })).toBe(1);

    const ended = await db.prisma.subscription.findUniqueOrThrow({ where: { id: sub.id } });
    const due = new Date(ended.endedAt!.getTime() + 31 * 86_400_000);
    await sendWinbackEmails(due);
    await sendWinbackEmails(due);
    expect(await db.prisma.email.count({ where: { userId: user.id, kind: 'winback' } })).toBe(1);
  });

  it('an in-app cancellation is not recorded twice; a reason given in the app and then a portal cancel keeps that reason', async () => {
    const a = await patron();
    const req = await recordReason(a.user.id, { reason: 'coverage', via: 'account' });
    await decide(a.user.id, req.id, { choice: 'cancel' });
    await h.settle();
    await drainJobs({ names: ['retention.cancellation'] });
    expect(
      await db.prisma.cancellationRequest.findMany({ where: { subscriptionId: a.sub.id }, select: { via: true, outcome: true } }),
    ).toEqual([{ via: 'account', outcome: 'canceled' }]);

    const b = await patron();
    await recordReason(b.user.id, { reason: 'not_reading', via: 'account' }); // then leaves the app for the portal
    await h.stripe.subscriptions.update(b.sub.id, { cancel_at_period_end: true });
    await h.settle();
    await drainJobs({ names: ['retention.cancellation'] });
    expect(
      await db.prisma.cancellationRequest.findMany({
        where: { subscriptionId: b.sub.id },
        select: { via: true, reason: true, outcome: true },
      }),
    ).toEqual([{ via: 'account', reason: 'not_reading', outcome: 'canceled' }]);
  });
});
