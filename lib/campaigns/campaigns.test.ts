/** Campaign progress moves with the webhooks of a checkout made during the campaign (stand-in + real webhook route). */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { GET as currentGET } from '@/app/api/campaigns/current/route';
import { startBillingHarness, subscribeInStripe, type BillingHarness } from '@/lib/billing/testing';
import { campaignProgress, createCampaign, currentCampaign, setWallEntry, wallEntries } from './campaigns';

let db: TestDb;
let h: BillingHarness;
const DAY = 86_400_000;

beforeAll(async () => {
  db = await createTestDb();
  h = await startBillingHarness({ webhook: webhookPOST });
  vi.stubEnv('EMAIL_SERVER', '');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await h?.close();
  await db?.close();
});

describe('campaigns', () => {
  it('a checkout during the campaign moves its progress (new patrons and amount), served by the cached endpoint', async () => {
    const now = Date.now();
    await expect(
      createCampaign({ title: 'Bad', startsAt: new Date(now), endsAt: new Date(now - DAY), goalKind: 'patrons', goalValue: 5 }),
    ).rejects.toThrow(/end after it starts/);
    const patrons = await createCampaign({
      title: 'Spring drive',
      startsAt: new Date(now - DAY),
      endsAt: new Date(now + 10 * DAY),
      goalKind: 'patrons',
      goalValue: 4,
    });
    const amount = await createCampaign({
      title: 'Fund the courts desk',
      startsAt: new Date(now - DAY),
      endsAt: new Date(now + 20 * DAY),
      goalKind: 'amount',
      goalValue: 50,
      currency: 'usd',
    });
    expect(amount.goalValue).toBe(5000);
    expect(await campaignProgress(patrons)).toMatchObject({ newPatrons: 0, progress: 0, percent: 0 });

    const u = await db.prisma.user.create({ data: { email: 'campaign@example.com' } });
    await subscribeInStripe(h, db.prisma, { id: u.id, email: u.email }, { amount: 1000, interval: 'MONTH' });

    expect(await campaignProgress(patrons)).toMatchObject({ newPatrons: 1, progress: 1, percent: 25, label: '1 of 4 new patrons' });
    expect(await campaignProgress(amount)).toMatchObject({ raised: 1000, progress: 1000, percent: 20, label: '$10.00 of $50.00 raised' });
    // The running campaign that ends first is the one shown.
    expect((await currentCampaign())?.id).toBe(patrons.id);
    const res = await currentGET();
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(await res.json()).toMatchObject({ campaign: { title: 'Spring drive', progress: 1, goal: 4, percent: 25 } });

    // A campaign that has not started counts nothing yet.
    const later = await createCampaign({
      title: 'Later',
      startsAt: new Date(now + 30 * DAY),
      endsAt: new Date(now + 40 * DAY),
      goalKind: 'patrons',
      goalValue: 3,
    });
    expect((await campaignProgress(later)).progress).toBe(0);
  });

  it('the supporter wall lists those who opted in, and forgets those who opt out', async () => {
    const a = await db.prisma.user.create({ data: { email: 'wall-a@example.com' } });
    await setWallEntry(a.id, { optIn: true, displayName: 'Ada from Riverside' });
    expect((await wallEntries()).map((e) => e.displayName)).toContain('Ada from Riverside');
    await setWallEntry(a.id, { optIn: false });
    expect((await wallEntries()).map((e) => e.displayName)).not.toContain('Ada from Riverside');
  });
});
