/** Campaign progress moves with the webhooks of a checkout made during the campaign (stand-in + real webhook route). */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { POST as webhookPOST } from '@/app/api/stripe/webhook/route';
import { GET as currentGET } from '@/app/api/campaigns/current/route';
import { payCheckout, startBillingHarness, subscribeInStripe, type BillingHarness } from '@/lib/billing/testing';
import { startCheckout } from '@/lib/billing/checkout';
import { errorMessageIn, fieldErrorsIn } from '@/lib/errors/domain-error';
import {
  CampaignError,
  campaignCheckouts,
  campaignProgress,
  createCampaign,
  currentCampaign,
  setWallEntry,
  wallEntries,
  wallSchema,
} from './campaigns';
import { sayMessage } from '@/lib/i18n/said';

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

  it('a checkout started during a campaign counts for it by its own metadata, even when paid after the campaign ended', async () => {
    const now = Date.now();
    await db.prisma.campaign.deleteMany();
    const drive = await createCampaign({
      title: 'Autumn drive',
      startsAt: new Date(now - DAY),
      endsAt: new Date(now + DAY),
      goalKind: 'patrons',
      goalValue: 3,
    });
    const tier = await db.prisma.tier.findFirstOrThrow({ where: { slug: 'friend' }, include: { prices: true } });
    const member = await db.prisma.user.create({ data: { email: 'drive-member@example.com' } });

    const signedIn = await startCheckout({ id: member.id, email: member.email }, { tierId: tier.id, currency: 'usd', interval: 'MONTH' });
    const guest = await startCheckout(null, { tierId: tier.id, currency: 'usd', interval: 'MONTH' });
    if (!('url' in signedIn) || !('url' in guest)) throw new Error('expected two Checkout sessions');
    expect((await db.prisma.checkout.findUniqueOrThrow({ where: { id: signedIn.sessionId } })).campaignId).toBe(drive.id);
    expect((await h.stripe.checkout.sessions.retrieve(guest.sessionId)).metadata?.campaign).toBe(drive.id);
    expect(await campaignCheckouts([drive.id])).toEqual(new Map([[drive.id, { started: 1, paid: 0 }]]));

    // The campaign ends; both readers pay afterwards: a time window would miss them, the metadata does not.
    await db.prisma.campaign.update({ where: { id: drive.id }, data: { endsAt: new Date(now - 1000) } });
    expect((await payCheckout(signedIn.url)).status).toBe(303);
    expect((await payCheckout(guest.url, undefined, { email: 'drive-guest@example.com' })).status).toBe(303);
    await h.settle();
    expect(await campaignCheckouts([drive.id])).toEqual(new Map([[drive.id, { started: 2, paid: 2 }]]));
  });

  it('keeps a Ukrainian title for readers of /uk (the endpoint carries it), and refuses bad input in the staff member’s language', async () => {
    const now = Date.now();
    await db.prisma.campaign.deleteMany();
    const c = await createCampaign({
      title: 'Keep the ferry desk',
      startsAt: new Date(now - DAY),
      endsAt: new Date(now + DAY),
      goalKind: 'patrons',
      goalValue: 10,
      translations: { uk: { title: 'Збережімо поромну редакцію' } },
    });
    const body = (await (await currentGET()).json()) as { campaign: { id: string; title: string; translations: unknown } };
    expect(body.campaign).toMatchObject({
      id: c.id,
      title: 'Keep the ferry desk',
      translations: { uk: { title: 'Збережімо поромну редакцію' } },
    });
    // Without a translation the endpoint says so (the bar then shows the English title).
    await db.prisma.campaign.update({ where: { id: c.id }, data: { translations: { uk: { title: '  ' } } } });
    expect(((await (await currentGET()).json()) as { campaign: { translations: unknown } }).campaign.translations).toEqual({
      uk: { title: '  ' },
    });

    const refusal = await createCampaign({
      title: 'x',
      startsAt: new Date(now),
      endsAt: new Date(now + DAY),
      goalKind: 'patrons',
      goalValue: 5,
    }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CampaignError);
    expect((refusal as CampaignError).message).toBe('Give the campaign a title (3 characters or more).');
    expect(errorMessageIn(refusal as CampaignError, 'uk')).toBe('Дайте кампанії назву (щонайменше 3 символи).');
    expect(fieldErrorsIn(refusal as CampaignError, 'uk')).toMatchObject({ title: 'Дайте кампанії назву (щонайменше 3 символи).' });
    await expect(
      createCampaign({
        title: 'Long one',
        startsAt: new Date(now),
        endsAt: new Date(now + DAY),
        goalKind: 'patrons',
        goalValue: 5,
        translations: { uk: { title: 'я'.repeat(121) } },
      }),
    ).rejects.toThrow('Keep the title under 120 characters.');
  });

  it('the supporter wall lists those who opted in, and forgets those who opt out', async () => {
    const a = await db.prisma.user.create({ data: { email: 'wall-a@example.com' } });
    await setWallEntry(a.id, { optIn: true, displayName: 'Ada from Riverside' });
    expect((await wallEntries()).map((e) => e.displayName)).toContain('Ada from Riverside');
    await setWallEntry(a.id, { optIn: false });
    expect((await wallEntries()).map((e) => e.displayName)).not.toContain('Ada from Riverside');
  });

  it('refuses a wall name that is too long in the reader’s language', () => {
    const parsed = wallSchema.safeParse({ optIn: 'on', displayName: 'x'.repeat(61) });
    expect(parsed.success).toBe(false);
    const message = parsed.error!.issues[0]!.message;
    expect(sayMessage('en', message)).toBe('Keep the name under 60 characters.');
    expect(sayMessage('uk', message)).toBe('Ім’я має бути коротшим за 60 символів.');
  });
});
