/**
 * The test clock (test equipment): where it exists (the mailbox's guard, loopback sites only), that it
 * only goes forward, that the scheduled gift job and patronStatus read it, and that nothing reads it
 * where it is not available, even with a row left in the table.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupTestDb } from '@/lib/db/testing-vitest';
import { patronStatus } from '@/lib/billing/patron-status';
import { runGiftJob } from '@/lib/gifts/gifts';
import { appNow, setTestClock, testClockAvailable, testClockTime } from './test-clock';

const db = setupTestDb();
const DAY = 86_400_000;

beforeEach(async () => {
  await db.prisma.testClock.deleteMany();
  vi.stubEnv('EMAIL_SERVER', '');
  vi.stubEnv('SITE_URL', '');
  vi.stubEnv('NEXTAUTH_URL', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('testClockAvailable', () => {
  it('follows the mailbox: test mode with mail to the outbox only', () => {
    expect(testClockAvailable({})).toBe(true);
    expect(testClockAvailable({ EMAIL_SERVER: 'smtp://mail.example:587' })).toBe(false);
    expect(testClockAvailable({ EMAIL_SERVER: 'smtp://mail.example:587', STRIPE_SECRET_KEY: 'sk_live_x' })).toBe(false);
  });

  it('and never on a public site, even a public test site allowed on purpose', () => {
    expect(testClockAvailable({ SITE_URL: 'http://localhost:3000', NEXTAUTH_URL: 'http://127.0.0.1:3000' })).toBe(true);
    expect(testClockAvailable({ SITE_URL: 'https://news.example.org' })).toBe(false);
    expect(testClockAvailable({ NEXTAUTH_URL: 'https://news.example.org', ALLOW_PUBLIC_TEST_MODE: '1' })).toBe(false);
    expect(testClockAvailable({ SITE_URL: 'not a url' })).toBe(false);
  });
});

describe('the test clock', () => {
  it('is unset by default, set forward only, cleared with null', async () => {
    expect(await testClockTime()).toBeNull();
    const later = new Date(Date.now() + 30 * DAY);
    await setTestClock(later);
    expect((await testClockTime())?.toISOString()).toBe(later.toISOString());
    expect((await appNow()).toISOString()).toBe(later.toISOString());
    await expect(setTestClock(new Date(Date.now() - DAY))).rejects.toMatchObject({ status: 400, message: /only goes forward/ });
    await setTestClock(null);
    expect(await testClockTime()).toBeNull();
    expect(Math.abs((await appNow()).getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('is not read, nor settable, where it is not available (a row left behind changes nothing)', async () => {
    const later = new Date(Date.now() + 30 * DAY);
    await setTestClock(later);
    vi.stubEnv('EMAIL_SERVER', 'smtp://mail.example:587');
    expect(await testClockTime()).toBeNull();
    await expect(setTestClock(later)).rejects.toMatchObject({ status: 404 });
    vi.stubEnv('EMAIL_SERVER', '');
    vi.stubEnv('SITE_URL', 'https://news.example.org');
    expect(await testClockTime()).toBeNull();
  });

  it('moves the scheduled gift job and patronStatus (when no time is given); an explicit time wins', async () => {
    const p = db.prisma;
    const tier = await p.tier.create({ data: { slug: `t-${Date.now()}`, name: 'Supporter' } });
    const buyer = await p.user.create({ data: { email: 'clock-giver@example.com' } });
    const recipient = await p.user.create({ data: { email: 'clock-lucky@example.com' } });
    const now = new Date();
    const gift = await p.giftMembership.create({
      data: {
        buyerId: buyer.id,
        tierId: tier.id,
        months: 3,
        amount: 1500,
        currency: 'usd',
        recipientEmail: recipient.email,
        deliverOn: new Date(now.getTime() + 5 * DAY),
        paidAt: now,
      },
    });
    // Not due at the real time.
    expect(await runGiftJob()).toEqual({ delivered: 0, reminded: 0 });
    await setTestClock(new Date(now.getTime() + 5 * DAY + 60_000));
    expect(await runGiftJob()).toEqual({ delivered: 1, reminded: 0 });
    expect(await p.email.count({ where: { kind: 'gift-delivery', to: recipient.email } })).toBe(1);

    // Redeemed (at the real time, as people act): a patron until the end, at the real time and at the clock's.
    const endsAt = new Date(now.getTime() + 90 * DAY);
    await p.giftMembership.update({ where: { id: gift.id }, data: { redeemedById: recipient.id, redeemedAt: now, startsAt: now, endsAt } });
    expect((await patronStatus(recipient.id)).state).toBe('gifted');
    // Three days before the end: the reminder; after the end: no longer a patron, unless a time is given.
    await setTestClock(new Date(endsAt.getTime() - 3 * DAY));
    expect(await runGiftJob()).toEqual({ delivered: 0, reminded: 1 });
    expect(await runGiftJob()).toEqual({ delivered: 0, reminded: 0 });
    await setTestClock(new Date(endsAt.getTime() + DAY));
    expect((await patronStatus(recipient.id)).isPatron).toBe(false);
    expect((await patronStatus(recipient.id, now)).state).toBe('gifted');
    // Outside test mode the row is ignored: the real time again.
    vi.stubEnv('EMAIL_SERVER', 'smtp://mail.example:587');
    expect((await patronStatus(recipient.id)).state).toBe('gifted');
  });
});
