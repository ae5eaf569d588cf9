/**
 * Membership tiers: CRUD with validation, the public list of offered tiers, and syncing tiers to Stripe
 * (one Product per tier, one immutable Price per TierPrice row).
 */
import { localized, translationsFromForm, translationsSchema } from '@/lib/i18n/content';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { isUniqueViolation } from '@/lib/db/errors';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { billingCurrencies, MAX_AMOUNT } from './config';
import { getStripe } from './stripe';
import { slugify } from '@/lib/articles/slugify';
import { DomainError } from '@/lib/errors/domain-error';
import { coded, sentenceIn } from '@/lib/i18n/said';
import { sayInEnglish, sentence, type Sentence } from '@/lib/i18n/sentence';

export const INTERVALS = ['MONTH', 'YEAR'] as const;
export type Interval = (typeof INTERVALS)[number];

const priceSchema = z.object({
  currency: z
    .string()
    .trim()
    .toLowerCase()
    .refine((c) => billingCurrencies().includes(c), {
      error: (iss) =>
        coded(
          sentence('desk.tiers.errors.currency', {
            currency: String(iss.input).toUpperCase(),
            currencies: billingCurrencies().join(', ').toUpperCase(),
          }),
        ),
    }),
  interval: z.enum(INTERVALS, { error: coded(sentence('desk.tiers.errors.interval')) }),
  amount: z
    .number({ error: coded(sentence('desk.tiers.errors.amount')) })
    .int({ error: coded(sentence('desk.tiers.errors.wholeCents')) })
    .min(100, { error: coded(sentence('desk.tiers.errors.smallest')) })
    .max(MAX_AMOUNT, { error: coded(sentence('desk.tiers.errors.tooLarge')) }),
});

export const tierInputSchema = z
  .object({
    name: z
      .string({ error: coded(sentence('desk.tiers.errors.name')) })
      .trim()
      .min(1, { error: coded(sentence('desk.tiers.errors.name')) })
      .max(80, { error: coded(sentence('desk.tiers.errors.nameLong')) }),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .max(60, { error: coded(sentence('desk.tiers.errors.slugLong')) })
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: coded(sentence('desk.tiers.errors.slugPattern')) })
      .optional(),
    description: z
      .string()
      .trim()
      .max(2000, { error: coded(sentence('desk.tiers.errors.descriptionLong')) })
      .default(''),
    perks: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(200, { error: coded(sentence('desk.tiers.errors.perkLong')) }),
      )
      .max(20, { error: coded(sentence('desk.tiers.errors.tooManyPerks')) })
      .default([]),
    payWhatYouWant: z.boolean().default(false),
    active: z.boolean().default(true),
    position: z
      .number({ error: coded(sentence('desk.tiers.errors.number')) })
      .int({ error: coded(sentence('desk.tiers.errors.wholeNumber')) })
      .min(0)
      .max(10_000)
      .default(0),
    prices: z.array(priceSchema).min(1, { error: coded(sentence('desk.tiers.errors.onePrice')) }),
    /** Other languages' name and description ({ uk: { name, description } }); absent = left as they are. */
    translations: translationsSchema.optional(),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    for (const [i, p] of t.prices.entries()) {
      const key = `${p.currency}:${p.interval}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['prices', i],
          message: coded(sentence('desk.tiers.errors.twoPrices', { interval: p.interval, currency: p.currency.toUpperCase() })),
        });
      seen.add(key);
    }
  });

export type TierInput = z.input<typeof tierInputSchema>;
export type ValidTier = z.output<typeof tierInputSchema>;

/** Field errors as catalogue sentences (said in the admin's language by the desk; `fieldErrors` are English). */
export class TierValidationError extends DomainError {
  constructor(fieldSentences: Record<string, Sentence>) {
    const first = Object.values(fieldSentences)[0];
    super({ code: 'INVALID', status: 400, fieldSentences, ...(first ? { sentence: first } : { message: 'Invalid tier' }) });
  }
}

export class TierNotFoundError extends DomainError {
  constructor(id: string) {
    super({ code: 'NOT_FOUND', status: 404, message: `No tier ${id}` });
  }
}

/** Flattens zod issues into { "name": …, "prices.usd.MONTH": … } (their sentences). */
function fieldErrorsOf(error: z.ZodError, input?: { prices?: unknown }): Record<string, Sentence> {
  const out: Record<string, Sentence> = {};
  const prices = Array.isArray(input?.prices) ? (input.prices as { currency?: string; interval?: string }[]) : [];
  for (const issue of error.issues) {
    let key = issue.path.join('.');
    if (issue.path[0] === 'prices' && typeof issue.path[1] === 'number') {
      const p = prices[issue.path[1]];
      key = `prices.${String(p?.currency ?? '').toLowerCase()}.${p?.interval ?? ''}`;
    }
    // Every message of the schema is a coded sentence; zod's own (min(0) …) are kept as their text.
    out[key || 'form'] ??= sentenceIn(issue.message) ?? sentence('desk.tiers.errors.literal', { text: issue.message });
  }
  return out;
}

export function validateTier(input: unknown): ValidTier {
  const r = tierInputSchema.safeParse(input);
  if (!r.success) throw new TierValidationError(fieldErrorsOf(r.error, input as { prices?: unknown }));
  return r.data;
}

/** "5", "5.5", "5.50", "1,000.00" → minor units; "" → null; anything else → NaN. */
export function parseMajorAmount(raw: string): number | null {
  const s = raw.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  if (!s) return null;
  if (!/^\d{1,9}([.,]\d{1,2})?$/.test(s)) return Number.NaN;
  const [whole, frac = ''] = s.split(/[.,]/);
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/**
 * Reads the tier form (fields: name, slug, description, perks (one a line), payWhatYouWant, active,
 * position, price_<cur>_<MONTH|YEAR>). `errors` in English, `sentences` for the admin's language.
 */
export function tierInputFromForm(form: FormData): {
  input: Record<string, unknown>;
  errors: Record<string, string>;
  sentences: Record<string, Sentence>;
} {
  const errors: Record<string, string> = {};
  const sentences: Record<string, Sentence> = {};
  const prices: { currency: string; interval: Interval; amount: number }[] = [];
  for (const currency of billingCurrencies()) {
    for (const interval of INTERVALS) {
      const key = `price_${currency}_${interval}`;
      const amount = parseMajorAmount(String(form.get(key) ?? ''));
      if (amount === null) continue;
      if (Number.isNaN(amount)) {
        sentences[`prices.${currency}.${interval}`] = sentence('desk.tiers.errors.amountLike');
        errors[`prices.${currency}.${interval}`] = sayInEnglish(sentence('desk.tiers.errors.amountLike'));
      } else prices.push({ currency, interval, amount });
    }
  }
  const positionRaw = String(form.get('position') ?? '').trim();
  const slug = String(form.get('slug') ?? '').trim();
  const input = {
    name: String(form.get('name') ?? ''),
    ...(slug ? { slug } : {}),
    description: String(form.get('description') ?? ''),
    perks: String(form.get('perks') ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    payWhatYouWant: form.get('payWhatYouWant') === 'on' || form.get('payWhatYouWant') === 'true',
    active: form.get('active') === 'on' || form.get('active') === 'true',
    position: positionRaw === '' ? 0 : Number(positionRaw),
    prices,
    // name_uk, description_uk (lib/i18n/content.ts).
    translations: translationsFromForm(form, ['name', 'description']),
  };
  return { input, errors, sentences };
}

const withPrices = { prices: { where: { active: true }, orderBy: [{ currency: 'asc' as const }, { interval: 'asc' as const }] } };

export async function listTiers() {
  const db = await getDb();
  return db.tier.findMany({ orderBy: [{ active: 'desc' }, { position: 'asc' }, { createdAt: 'asc' }], include: withPrices });
}

export async function getTier(id: string) {
  const db = await getDb();
  return db.tier.findUnique({ where: { id }, include: withPrices });
}

export type OfferedTier = {
  id: string;
  slug: string;
  name: string;
  description: string;
  perks: string[];
  payWhatYouWant: boolean;
  prices: { id: string; currency: string; interval: Interval; amount: number }[];
};

/** Active tiers with at least one active price that exists in Stripe, for the support page. */
export async function listOfferedTiers(locale: Locale = DEFAULT_LOCALE): Promise<OfferedTier[]> {
  const db = await getDb();
  const tiers = await db.tier.findMany({
    where: { active: true },
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    include: { prices: { where: { active: true, stripePriceId: { not: null } }, orderBy: [{ currency: 'asc' }, { interval: 'asc' }] } },
  });
  return tiers
    .filter((t) => t.prices.length > 0)
    .map((t) => ({
      id: t.id,
      slug: t.slug,
      name: localized(t.translations, locale, 'name', t.name),
      description: localized(t.translations, locale, 'description', t.description),
      perks: t.perks,
      payWhatYouWant: t.payWhatYouWant,
      prices: t.prices.map((p) => ({ id: p.id, currency: p.currency, interval: p.interval, amount: p.amount })),
    }));
}

async function uniqueSlug(base: string, exceptId?: string): Promise<string> {
  const db = await getDb();
  for (let i = 0; i < 50; i++) {
    const slug = i === 0 ? base : `${base}-${i + 1}`;
    const found = await db.tier.findUnique({ where: { slug }, select: { id: true } });
    if (!found || found.id === exceptId) return slug;
  }
  return `${base}-${Date.now().toString(36)}`;
}

/** Creates a tier and its prices (not yet in Stripe: call syncTierToStripe). Throws TierValidationError. */
export async function createTier(input: unknown) {
  const t = validateTier(input);
  const db = await getDb();
  const slug = await uniqueSlug(t.slug ?? (slugify(t.name, 60) || 'tier'));
  try {
    return await db.tier.create({
      data: {
        slug,
        name: t.name,
        description: t.description,
        perks: t.perks,
        payWhatYouWant: t.payWhatYouWant,
        active: t.active,
        position: t.position,
        ...(t.translations ? { translations: t.translations } : {}),
        prices: { create: t.prices },
      },
      include: withPrices,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new TierValidationError({ slug: sentence('desk.tiers.errors.slugTaken') });
    throw e;
  }
}

/**
 * Updates a tier. Prices are immutable: a changed amount adds a new TierPrice and deactivates the old
 * one; a price left blank is deactivated. Subscriptions keep the price they were bought at.
 */
export async function updateTier(id: string, input: unknown) {
  const t = validateTier(input);
  const db = await getDb();
  const existing = await db.tier.findUnique({ where: { id }, include: { prices: { where: { active: true } } } });
  if (!existing) throw new TierNotFoundError(id);
  const slug = t.slug && t.slug !== existing.slug ? await uniqueSlug(t.slug, id) : existing.slug;
  if (t.slug && slug !== t.slug) throw new TierValidationError({ slug: sentence('desk.tiers.errors.slugTaken') });

  const keep = new Set<string>();
  const create: { currency: string; interval: Interval; amount: number }[] = [];
  for (const p of t.prices) {
    const match = existing.prices.find((e) => e.currency === p.currency && e.interval === p.interval);
    if (match && match.amount === p.amount) keep.add(match.id);
    else create.push(p);
  }
  const retire = existing.prices.filter((p) => !keep.has(p.id)).map((p) => p.id);
  await db.$transaction([
    db.tier.update({
      where: { id },
      data: {
        slug,
        name: t.name,
        description: t.description,
        perks: t.perks,
        payWhatYouWant: t.payWhatYouWant,
        active: t.active,
        position: t.position,
        ...(t.translations ? { translations: t.translations } : {}),
      },
    }),
    db.tierPrice.updateMany({ where: { id: { in: retire } }, data: { active: false } }),
    db.tierPrice.createMany({ data: create.map((p) => ({ ...p, tierId: id })) }),
  ]);
  return (await getTier(id))!;
}

export async function setTierActive(id: string, active: boolean) {
  const db = await getDb();
  const found = await db.tier.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw new TierNotFoundError(id);
  return db.tier.update({ where: { id }, data: { active } });
}

export type TierSyncReport = { productCreated: boolean; pricesCreated: string[]; pricesDeactivated: string[] };

/**
 * Makes Stripe match the tier: creates the Product if missing (else updates name, description,
 * active), a Price for every active TierPrice without one, and deactivates the Stripe Price of every
 * inactive TierPrice. Idempotency keys make a crash-and-retry safe.
 */
export async function syncTierToStripe(tierId: string): Promise<TierSyncReport> {
  const db = await getDb();
  const stripe = getStripe();
  const tier = await db.tier.findUnique({ where: { id: tierId }, include: { prices: true } });
  if (!tier) throw new TierNotFoundError(tierId);
  const report: TierSyncReport = { productCreated: false, pricesCreated: [], pricesDeactivated: [] };

  let productId = tier.stripeProductId;
  const productFields = {
    name: tier.name,
    ...(tier.description ? { description: tier.description.slice(0, 500) } : {}),
    active: tier.active,
  };
  if (!productId) {
    const product = await stripe.products.create(
      { ...productFields, metadata: { tierId: tier.id } },
      { idempotencyKey: `patronage-tier-product-${tier.id}` },
    );
    productId = product.id;
    await db.tier.update({ where: { id: tier.id }, data: { stripeProductId: productId } });
    report.productCreated = true;
  } else {
    await stripe.products.update(productId, productFields);
  }

  for (const p of tier.prices) {
    if (p.active && !p.stripePriceId) {
      const price = await stripe.prices.create(
        {
          product: productId,
          currency: p.currency,
          unit_amount: p.amount,
          recurring: { interval: p.interval === 'YEAR' ? 'year' : 'month' },
          metadata: { tierId: tier.id, tierPriceId: p.id },
        },
        { idempotencyKey: `patronage-tier-price-${p.id}` },
      );
      await db.tierPrice.update({ where: { id: p.id }, data: { stripePriceId: price.id } });
      report.pricesCreated.push(price.id);
    } else if (!p.active && p.stripePriceId) {
      const current = await stripe.prices.retrieve(p.stripePriceId);
      if (current.active) {
        await stripe.prices.update(p.stripePriceId, { active: false });
        report.pricesDeactivated.push(p.stripePriceId);
      }
    }
  }
  return report;
}
