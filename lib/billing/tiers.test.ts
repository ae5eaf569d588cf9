import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/lib/db/testing';
import { startBillingHarness, type BillingHarness } from './testing';
import {
  createTier,
  listOfferedTiers,
  parseMajorAmount,
  syncTierToStripe,
  tierInputFromForm,
  TierValidationError,
  updateTier,
  validateTier,
} from './tiers';

const valid = {
  name: 'Friend',
  description: 'Keeps the lights on',
  perks: ['Newsletter', 'Our thanks'],
  prices: [
    { currency: 'usd', interval: 'MONTH', amount: 500 },
    { currency: 'usd', interval: 'YEAR', amount: 5000 },
    { currency: 'eur', interval: 'MONTH', amount: 500 },
  ],
};

function errorsOf(input: unknown): Record<string, string> {
  try {
    validateTier(input);
  } catch (e) {
    if (e instanceof TierValidationError) return e.fieldErrors;
    throw e;
  }
  return {};
}

describe('validation', () => {
  it('accepts a valid tier', () => {
    expect(validateTier(valid).prices).toHaveLength(3);
  });
  it('names the offending fields', () => {
    expect(errorsOf({ ...valid, name: '  ' })).toHaveProperty('name');
    expect(errorsOf({ ...valid, prices: [] })).toHaveProperty('prices');
    expect(errorsOf({ ...valid, prices: [{ currency: 'usd', interval: 'MONTH', amount: 50 }] })['prices.usd.MONTH']).toMatch(/1\.00/);
    expect(errorsOf({ ...valid, prices: [{ currency: 'jpy', interval: 'MONTH', amount: 500 }] })['prices.jpy.MONTH']).toMatch(/JPY/);
    expect(errorsOf({ ...valid, prices: [{ currency: 'usd', interval: 'WEEK', amount: 500 }] })).toHaveProperty(['prices.usd.WEEK']);
    expect(errorsOf({ ...valid, slug: 'Not A Slug' })).toHaveProperty('slug');
    expect(Object.keys(errorsOf({ ...valid, prices: [valid.prices[0], valid.prices[0]] }))).toContain('prices.usd.MONTH');
  });
  it('BILLING_CURRENCIES adds currencies', () => {
    const gbp = { ...valid, prices: [{ currency: 'GBP', interval: 'MONTH', amount: 500 }] };
    expect(errorsOf(gbp)).toHaveProperty(['prices.gbp.MONTH']);
    process.env.BILLING_CURRENCIES = 'usd,eur,gbp';
    try {
      expect(validateTier(gbp).prices[0]!.currency).toBe('gbp');
    } finally {
      delete process.env.BILLING_CURRENCIES;
    }
  });
  it('parses major amounts', () => {
    expect(parseMajorAmount('5')).toBe(500);
    expect(parseMajorAmount('5.5')).toBe(550);
    expect(parseMajorAmount('5,50')).toBe(550);
    expect(parseMajorAmount('1,000.00')).toBe(100000);
    expect(parseMajorAmount('')).toBeNull();
    expect(parseMajorAmount('abc')).toBeNaN();
    expect(parseMajorAmount('-5')).toBeNaN();
    expect(parseMajorAmount('5.555')).toBeNaN();
  });
  it('reads the desk form', () => {
    const f = new FormData();
    f.set('name', 'Friend');
    f.set('perks', 'One\n\n Two \r\nThree');
    f.set('price_usd_MONTH', '5.00');
    f.set('price_eur_YEAR', 'lots');
    f.set('payWhatYouWant', 'on');
    const { input, errors } = tierInputFromForm(f);
    expect(input).toMatchObject({
      name: 'Friend',
      perks: ['One', 'Two', 'Three'],
      payWhatYouWant: true,
      active: false,
      prices: [{ currency: 'usd', interval: 'MONTH', amount: 500 }],
    });
    expect(errors).toEqual({ 'prices.eur.YEAR': 'Enter an amount like 5 or 5.00' });
  });
});

describe('tiers in the database and in Stripe', () => {
  let db: TestDb;
  let h: BillingHarness;
  beforeAll(async () => {
    db = await createTestDb();
    h = await startBillingHarness();
  });
  afterAll(async () => {
    await h?.close();
    await db?.close();
  });

  it('nothing is saved on invalid input', async () => {
    await expect(createTier({ ...valid, name: '' })).rejects.toBeInstanceOf(TierValidationError);
    expect(await db.prisma.tier.count()).toBe(0);
  });

  it('creates, syncs, reprices, and keeps existing subscriptions on their price', async () => {
    const tier = await createTier(valid);
    expect(tier.slug).toBe('friend');
    expect(await listOfferedTiers()).toEqual([]); // not in Stripe yet

    const r1 = await syncTierToStripe(tier.id);
    expect(r1.productCreated).toBe(true);
    expect(r1.pricesCreated).toHaveLength(3);
    const again = await syncTierToStripe(tier.id);
    expect(again).toEqual({ productCreated: false, pricesCreated: [], pricesDeactivated: [] });

    const synced = await db.prisma.tier.findUniqueOrThrow({ where: { id: tier.id }, include: { prices: true } });
    const product = await h.stripe.products.retrieve(synced.stripeProductId!);
    expect(product).toMatchObject({ name: 'Friend', active: true });
    const usdMonth = synced.prices.find((p) => p.currency === 'usd' && p.interval === 'MONTH')!;
    const stripePrice = await h.stripe.prices.retrieve(usdMonth.stripePriceId!);
    expect(stripePrice).toMatchObject({
      unit_amount: 500,
      currency: 'usd',
      active: true,
      recurring: expect.objectContaining({ interval: 'month' }),
    });

    // A subscriber on the old price.
    const user = await db.prisma.user.create({ data: { email: 'sub@example.com' } });
    await db.prisma.subscription.create({
      data: {
        id: 'sub_old',
        userId: user.id,
        customerId: 'cus_x',
        status: 'active',
        tierId: tier.id,
        stripePriceId: usdMonth.stripePriceId!,
        currency: 'usd',
        interval: 'MONTH',
        amount: 500,
        currentPeriodStart: new Date(),
        currentPeriodEnd: new Date(Date.now() + 86400000),
        startedAt: new Date(),
      },
    });

    // Change the USD monthly amount, drop EUR monthly.
    await updateTier(tier.id, {
      ...valid,
      name: 'Good Friend',
      prices: [{ currency: 'usd', interval: 'MONTH', amount: 700 }, valid.prices[1]],
    });
    const r2 = await syncTierToStripe(tier.id);
    expect(r2.pricesCreated).toHaveLength(1);
    expect(r2.pricesDeactivated).toHaveLength(2);

    const prices = await db.prisma.tierPrice.findMany({ where: { tierId: tier.id } });
    expect(prices).toHaveLength(4);
    expect(
      prices
        .filter((p) => p.active)
        .map((p) => `${p.currency}:${p.interval}:${p.amount}`)
        .sort(),
    ).toEqual(['usd:MONTH:700', 'usd:YEAR:5000']);
    expect((await h.stripe.prices.retrieve(usdMonth.stripePriceId!)).active).toBe(false);
    const newUsd = prices.find((p) => p.active && p.amount === 700)!;
    expect((await h.stripe.prices.retrieve(newUsd.stripePriceId!)).unit_amount).toBe(700);
    expect((await h.stripe.products.retrieve(synced.stripeProductId!)).name).toBe('Good Friend');
    expect((await db.prisma.subscription.findUniqueOrThrow({ where: { id: 'sub_old' } })).stripePriceId).toBe(usdMonth.stripePriceId);

    const offered = await listOfferedTiers();
    expect(offered).toHaveLength(1);
    expect(offered[0]!.prices.map((p) => p.amount).sort()).toEqual([5000, 700].sort());
  });

  it('archived tiers are not offered and their product is deactivated', async () => {
    const t = await createTier({ ...valid, name: 'Old tier', active: false });
    await syncTierToStripe(t.id);
    expect((await listOfferedTiers()).map((x) => x.id)).not.toContain(t.id);
    const row = await db.prisma.tier.findUniqueOrThrow({ where: { id: t.id } });
    expect((await h.stripe.products.retrieve(row.stripeProductId!)).active).toBe(false);
  });

  it('per-language name and description: saved from the desk form (name_uk, description_uk), offered to Ukrainian readers, English unchanged', async () => {
    const form = new FormData();
    form.set('name', 'Neighbour');
    form.set('description', 'Keeps a reporter in the council chamber');
    form.set('name_uk', 'Сусід');
    form.set('description_uk', '');
    form.set('active', 'on');
    form.set('price_usd_MONTH', '5');
    const { input } = tierInputFromForm(form);
    const t = await createTier(input);
    await syncTierToStripe(t.id);
    const uk = (await listOfferedTiers('uk')).find((x) => x.id === t.id)!;
    // An empty translation falls back to English, field by field.
    expect(uk).toMatchObject({ name: 'Сусід', description: 'Keeps a reporter in the council chamber' });
    expect((await listOfferedTiers('en')).find((x) => x.id === t.id)!.name).toBe('Neighbour');
    form.set('description_uk', 'Утримує журналіста в залі ради');
    await updateTier(t.id, tierInputFromForm(form).input);
    expect((await listOfferedTiers('uk')).find((x) => x.id === t.id)!.description).toBe('Утримує журналіста в залі ради');
    // A translation for a language the site does not speak is refused.
    expect(errorsOf({ ...valid, translations: { ru: { name: 'x' } } })).toHaveProperty('translations');
  });

  it('duplicate names get distinct slugs', async () => {
    const a = await createTier({ ...valid, name: 'Patron' });
    const b = await createTier({ ...valid, name: 'Patron' });
    expect(a.slug).toBe('patron');
    expect(b.slug).toBe('patron-2');
  });
});
