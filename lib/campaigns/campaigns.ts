/**
 * Campaigns (issue #15): staff set dates and a goal (new patrons, or an amount) at /desk/campaigns.
 * Progress is computed from what the billing mirror stored from Stripe's webhooks, so each webhook
 * moves it: new patrons are users whose first subscription started within the campaign (as the
 * mirror recorded it); the amount is what was paid within it (charges less refunds, in the campaign's
 * currency, other currencies converted at EXCHANGE_RATES). Attribution is by time: every new patron
 * and payment during the campaign counts towards it (the dashboard lists each campaign's results).
 * Article pages stay static: the bar asks the small cached endpoint GET /api/campaigns/current.
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { getSql } from '@/lib/db/client';
import { utcParam } from '@/lib/db/sql-time';
import { billingCurrencies } from '@/lib/billing/config';
import { formatMoney } from '@/lib/format/money';
import { DomainError, statusCode } from '@/lib/errors/domain-error';
import { convert, exchangeRates, ratesInto } from '@/lib/analytics/config';
import { translationsSchema, type Translations } from '@/lib/i18n/content';
import { sentence, type Sentence } from '@/lib/i18n/sentence';
import { coded, zodSentences } from '@/lib/i18n/said';
import { textField } from '@/lib/i18n/text-field';

// Messages are catalogue sentences coded with lib/i18n/said.ts: the desk says them in the staff member's language.
export const campaignSchema = z
  .object({
    title: textField({
      min: [3, sentence('deskAudience.campaigns.errors.title')],
      max: [120, sentence('deskAudience.campaigns.errors.titleLong')],
    }),
    description: textField({ max: [500, sentence('deskAudience.campaigns.errors.descriptionLong')] }).default(''),
    startsAt: z.coerce.date({ error: coded(sentence('deskAudience.campaigns.errors.startsAt')) }),
    endsAt: z.coerce.date({ error: coded(sentence('deskAudience.campaigns.errors.endsAt')) }),
    goalKind: z.enum(['patrons', 'amount'], { error: coded(sentence('deskAudience.campaigns.errors.goalKind')) }),
    goalValue: z.coerce
      .number({ error: coded(sentence('deskAudience.campaigns.errors.goalWhole')) })
      .int(coded(sentence('deskAudience.campaigns.errors.goalWhole')))
      .min(1, coded(sentence('deskAudience.campaigns.errors.goalMin')))
      .max(100_000_000, coded(sentence('deskAudience.campaigns.errors.goalMax'))),
    currency: z.string().trim().toLowerCase().default('usd'),
    /** Other languages' title and description ({ uk: { title, description } }); empty ones fall back to English. */
    translations: translationsSchema
      .refine(
        (t) => Object.values(t).every((f) => (f.title ?? '').length <= 120),
        coded(sentence('deskAudience.campaigns.errors.titleLong')),
      )
      .refine(
        (t) => Object.values(t).every((f) => (f.description ?? '').length <= 500),
        coded(sentence('deskAudience.campaigns.errors.descriptionLong')),
      )
      .optional(),
  })
  .refine((c) => c.endsAt > c.startsAt, { message: coded(sentence('deskAudience.campaigns.errors.endsAfter')), path: ['endsAt'] })
  .refine((c) => billingCurrencies().includes(c.currency), {
    message: coded(sentence('deskAudience.campaigns.errors.currency')),
    path: ['currency'],
  });

export type CampaignInput = z.input<typeof campaignSchema>;

/**
 * Creates a campaign; an amount goal is entered in whole units of the currency and stored in minor units.
 * Refuses bad input with a CampaignError whose sentences (per field too) are said in the caller's language.
 */
export async function createCampaign(input: CampaignInput | Record<string, unknown>) {
  const parsed = campaignSchema.safeParse(input);
  if (!parsed.success) throw new CampaignError(zodSentences(parsed.error, sentence('deskAudience.campaigns.errors.checkForm')), 400);
  const { translations, ...c } = parsed.data;
  const db = await getDb();
  return db.campaign.create({
    data: {
      ...c,
      goalValue: c.goalKind === 'amount' ? c.goalValue * 100 : c.goalValue,
      ...(translations && Object.keys(translations).length ? { translations } : {}),
    },
  });
}

export type CampaignProgress = {
  id: string;
  title: string;
  description: string;
  /** Other languages' title and description, e.g. { uk: { title: "…" } }: readers of /uk see them (English when missing). */
  translations: Translations;
  startsAt: string;
  endsAt: string;
  goalKind: 'patrons' | 'amount';
  goal: number;
  progress: number;
  currency: string;
  /** 0..100 (capped). */
  percent: number;
  label: string;
  newPatrons: number;
  raised: number;
};

const NEW_PATRONS_SQL = `
  SELECT count(*)::int AS n FROM (
    SELECT s."userId", min(s."startedAt") AS first FROM "Subscription" s
     WHERE s.status NOT IN ('incomplete', 'incomplete_expired')
     GROUP BY s."userId"
  ) f WHERE f.first >= ${utcParam('$1')} AND f.first < ${utcParam('$2')}`;

const RAISED_SQL = `
  SELECT p.currency, sum(p.amount - p."amountRefunded")::bigint AS amount FROM "Payment" p
   WHERE p.status IN ('succeeded', 'refunded', 'partially_refunded') AND p."createdAt" >= ${utcParam('$1')} AND p."createdAt" < ${utcParam('$2')}
   GROUP BY p.currency`;

/** The progress of one campaign, from the mirrored data. */
export async function campaignProgress(c: {
  id: string;
  title: string;
  description: string;
  translations?: unknown;
  startsAt: Date;
  endsAt: Date;
  goalKind: string;
  goalValue: number;
  currency: string;
}): Promise<CampaignProgress> {
  const sql = await getSql();
  const range = [c.startsAt.toISOString(), c.endsAt.toISOString()];
  const [[patrons], raisedRows] = await Promise.all([
    sql.query<{ n: number }>(NEW_PATRONS_SQL, range),
    sql.query<{ currency: string; amount: string | number }>(RAISED_SQL, range),
  ]);
  const rates = ratesInto(c.currency, exchangeRates()) ?? { [c.currency]: 1 };
  const raised = raisedRows.reduce(
    (sum, r) => sum + (r.currency === c.currency ? Number(r.amount) : convert(Number(r.amount), r.currency, rates)),
    0,
  );
  const newPatrons = patrons?.n ?? 0;
  const goalKind = c.goalKind === 'amount' ? 'amount' : 'patrons';
  const progress = goalKind === 'amount' ? raised : newPatrons;
  const label =
    goalKind === 'amount'
      ? `${formatMoney(raised, c.currency)} of ${formatMoney(c.goalValue, c.currency)} raised`
      : `${newPatrons} of ${c.goalValue} new patrons`;
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    translations: translationsSchema.catch({}).parse(c.translations ?? {}),
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    goalKind,
    goal: c.goalValue,
    progress,
    currency: c.currency,
    percent: Math.min(100, Math.floor((progress * 100) / Math.max(1, c.goalValue))),
    label,
    newPatrons,
    raised,
  };
}

/** The campaign running at `now` (the one ending soonest when several overlap), with its progress. */
export async function currentCampaign(now: Date = new Date()): Promise<CampaignProgress | null> {
  const db = await getDb();
  const c = await db.campaign.findFirst({ where: { startsAt: { lte: now }, endsAt: { gt: now } }, orderBy: { endsAt: 'asc' } });
  return c ? campaignProgress(c) : null;
}

/** The id of the campaign running at `now` (the one ending soonest), for a checkout's attribution. */
export async function runningCampaignId(now: Date = new Date()): Promise<string | null> {
  const db = await getDb();
  const c = await db.campaign.findFirst({
    where: { startsAt: { lte: now }, endsAt: { gt: now } },
    orderBy: { endsAt: 'asc' },
    select: { id: true },
  });
  return c?.id ?? null;
}

/** Checkouts started under each campaign and those paid (by the checkout's own metadata, not by time). */
export async function campaignCheckouts(ids: readonly string[]): Promise<Map<string, { started: number; paid: number }>> {
  if (!ids.length) return new Map();
  const db = await getDb();
  const rows = await db.checkout.groupBy({ by: ['campaignId', 'status'], where: { campaignId: { in: [...ids] } }, _count: { _all: true } });
  const out = new Map<string, { started: number; paid: number }>();
  for (const r of rows) {
    if (!r.campaignId) continue;
    const entry = out.get(r.campaignId) ?? { started: 0, paid: 0 };
    entry.started += r._count._all;
    if (r.status === 'COMPLETED') entry.paid += r._count._all;
    out.set(r.campaignId, entry);
  }
  return out;
}

/** Every campaign, newest first, with its results (desk and dashboard). */
export async function listCampaigns(): Promise<CampaignProgress[]> {
  const db = await getDb();
  const all = await db.campaign.findMany({ orderBy: { startsAt: 'desc' }, take: 50 });
  return Promise.all(all.map(campaignProgress));
}

// ---- supporter wall ----

/** A campaign or supporter-wall request refused (a person can act on it). */
export class CampaignError extends DomainError {
  constructor(said: string | { sentence: Sentence; fieldSentences?: Record<string, Sentence> }, status: 400 | 404 | 409 = 400) {
    super({ code: `CAMPAIGN_${statusCode(status)}`, status, ...(typeof said === 'string' ? { message: said } : said) });
  }
}

export const WALL_NAME_MAX = 60;

export const wallSchema = z.object({
  optIn: z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean()),
  displayName: z
    .string()
    .trim()
    .max(WALL_NAME_MAX, coded(sentence('account.errors.wallNameLong', { max: WALL_NAME_MAX })))
    .optional(),
});

/** A patron opts in (with the name to show) or out. Only patrons may be on the wall (the caller checks). */
export async function setWallEntry(userId: string, input: { optIn: boolean; displayName?: string }) {
  const db = await getDb();
  if (!input.optIn) {
    await db.supporterWallEntry.deleteMany({ where: { userId } });
    return null;
  }
  const name = input.displayName?.trim();
  if (!name) throw new CampaignError('Enter the name to show on the wall.');
  return db.supporterWallEntry.upsert({ where: { userId }, create: { userId, displayName: name }, update: { displayName: name } });
}

/** The wall: names of opted-in patrons who are patrons now (checked by the caller with patronStatus). */
export async function wallEntries(take = 500) {
  const db = await getDb();
  return db.supporterWallEntry.findMany({ orderBy: { createdAt: 'asc' }, take, select: { userId: true, displayName: true } });
}
