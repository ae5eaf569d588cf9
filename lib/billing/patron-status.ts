/**
 * THE answer to "is this reader a patron right now?". Everything (paywall-free perks, account page,
 * checkout guard) asks `patronStatus(userId)`; the rules live in the pure `statusFromSubscriptions`.
 *
 * Rules (per subscription, Stripe status verbatim):
 * - active / trialing → patron ('active' / 'trialing').
 * - active / trialing with cancelAtPeriodEnd → patron until currentPeriodEnd ('canceling'), then 'ended'.
 * - past_due → patron until pastDueSince + graceDays ('past_due_grace'), then 'past_due_lapsed'.
 *   Without pastDueSince the period start stands in (a failed renewal opens the new period).
 * - canceled / unpaid / incomplete_expired, or an endedAt in the past → 'ended'.
 * - incomplete / paused / anything unknown → not a patron ('none', subscription attached).
 * - active / trialing / past_due with Stripe's pause_collection set (a pause offer the patron took at
 *   /account/cancel) → not a patron ('paused', pausedUntil = resumes_at) until collection resumes:
 *   paused patrons do not vote. From pauseResumesAt on the usual rules apply again.
 * Period ends and grace ends are exclusive: at exactly that instant the reader is no longer a patron.
 * With several subscriptions the most favourable one wins.
 * Gift memberships (lib/gifts): a redeemed gift makes its recipient a patron from startsAt until endsAt
 * (exclusive), state 'gifted', no card needed; a paying active/trialing/canceling subscription wins
 * over it, a gift wins over anything else (past due, paused, ended, none).
 */
import { getSql } from '@/lib/db/client';
import { graceDays as graceDaysFromEnv } from './config';
import { getStripe } from './stripe';
import { idOf } from './ids';
import { testClockTime } from '@/lib/runtime/test-clock';

export type PatronState =
  'active' | 'trialing' | 'past_due_grace' | 'past_due_lapsed' | 'canceling' | 'paused' | 'gifted' | 'ended' | 'none';

export type SubscriptionLike = {
  id: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  pastDueSince: Date | null;
  endedAt?: Date | null;
  tier?: { name: string } | null;
  /** Stripe's pause_collection (null/absent: not paused). */
  pauseBehavior?: string | null;
  pauseResumesAt?: Date | null;
};

export type PatronStatus<S extends SubscriptionLike = SubscriptionLike> = {
  isPatron: boolean;
  state: PatronState;
  subscription?: S;
  tierName?: string;
  /** When patronage ends (canceling: period end; ended: when it ended). */
  endsAt?: Date;
  /** past_due only: when the grace period ends / ended. */
  graceEndsAt?: Date;
  /** paused only: when collection resumes (absent: paused until further notice). */
  pausedUntil?: Date;
};

const DAY = 86_400_000;

// Lower is better when choosing between several subscriptions.
const RANK: Record<PatronState, number> = {
  active: 0,
  trialing: 1,
  canceling: 2,
  past_due_grace: 3,
  past_due_lapsed: 4,
  paused: 5,
  ended: 6,
  none: 7,
  gifted: 8, // never compared here: applied by withGifts
};

export function statusOfOne<S extends SubscriptionLike>(sub: S, now: Date, graceDays: number): PatronStatus<S> {
  const base = { subscription: sub, ...(sub.tier?.name ? { tierName: sub.tier.name } : {}) };
  const t = now.getTime();
  if (sub.endedAt && sub.endedAt.getTime() <= t) return { ...base, isPatron: false, state: 'ended', endsAt: sub.endedAt };
  if (
    sub.pauseBehavior &&
    (sub.status === 'active' || sub.status === 'trialing' || sub.status === 'past_due') &&
    (!sub.pauseResumesAt || t < sub.pauseResumesAt.getTime())
  ) {
    return { ...base, isPatron: false, state: 'paused', ...(sub.pauseResumesAt ? { pausedUntil: sub.pauseResumesAt } : {}) };
  }
  switch (sub.status) {
    case 'active':
    case 'trialing': {
      if (sub.cancelAtPeriodEnd) {
        if (t < sub.currentPeriodEnd.getTime()) return { ...base, isPatron: true, state: 'canceling', endsAt: sub.currentPeriodEnd };
        return { ...base, isPatron: false, state: 'ended', endsAt: sub.currentPeriodEnd };
      }
      return { ...base, isPatron: true, state: sub.status };
    }
    case 'past_due': {
      const since = sub.pastDueSince ?? sub.currentPeriodStart;
      const graceEndsAt = new Date(since.getTime() + graceDays * DAY);
      if (t < graceEndsAt.getTime()) return { ...base, isPatron: true, state: 'past_due_grace', graceEndsAt };
      return { ...base, isPatron: false, state: 'past_due_lapsed', graceEndsAt };
    }
    case 'canceled':
    case 'unpaid':
    case 'incomplete_expired':
      return { ...base, isPatron: false, state: 'ended', ...(sub.endedAt ? { endsAt: sub.endedAt } : {}) };
    default:
      return { ...base, isPatron: false, state: 'none' };
  }
}

/** Pure: the reader's status given all their subscriptions. */
export function statusFromSubscriptions<S extends SubscriptionLike>(subs: readonly S[], now: Date, graceDays: number): PatronStatus<S> {
  let best: PatronStatus<S> | null = null;
  for (const sub of subs) {
    const s = statusOfOne(sub, now, graceDays);
    if (
      !best ||
      RANK[s.state] < RANK[best.state] ||
      (RANK[s.state] === RANK[best.state] && sub.currentPeriodEnd.getTime() > best.subscription!.currentPeriodEnd.getTime())
    ) {
      best = s;
    }
  }
  return best ?? { isPatron: false, state: 'none' };
}

/** A redeemed gift membership as patronStatus reads it. */
export type GiftSpan = { id: string; startsAt: Date; endsAt: Date; tierName: string | null };

/** Pure: the status once the user's redeemed gifts are taken into account (see the rules above). */
export function withGifts<S extends SubscriptionLike>(status: PatronStatus<S>, gifts: readonly GiftSpan[], now: Date): PatronStatus<S> {
  if (status.state === 'active' || status.state === 'trialing' || status.state === 'canceling') return status;
  const t = now.getTime();
  const live = gifts
    .filter((g) => g.startsAt.getTime() <= t && t < g.endsAt.getTime())
    .sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime())[0];
  if (!live) return status;
  return { isPatron: true, state: 'gifted', endsAt: live.endsAt, ...(live.tierName ? { tierName: live.tierName } : {}) };
}

/**
 * TEST MODE ONLY: true when the app talks to a Stripe stand-in (STRIPE_API_HOST set) and
 * STRIPE_TEST_CLOCKS=1. New customers are then created on their own Stripe test clock (see
 * `ensureCustomer`) and "now" for such a customer is the clock's frozen_time. Never on with real Stripe.
 */
export function testClocksEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.STRIPE_TEST_CLOCKS?.trim() === '1' && Boolean(env.STRIPE_API_HOST?.trim());
}

/**
 * TEST MODE ONLY (see `testClocksEnabled`): the frozen time of the user's customer's test clock, or null
 * (no customer, no clock, or Stripe unreachable: the caller then uses the real time). Nothing new is
 * stored: the customer → clock link is asked of Stripe once and remembered in memory (it never
 * changes). A customer Stripe cannot tell us about (the demo patrons' made-up ids) is remembered as
 * having no clock the same way, with one warning: otherwise every status read would ask again and warn.
 */
const clockOfCustomer = new Map<string, string | null>();
export async function testClockNow(userId: string): Promise<Date | null> {
  if (!testClocksEnabled()) return null;
  const sql = await getSql();
  const [row] = await sql.query<{ customerId: string }>(`SELECT "customerId" FROM "StripeCustomer" WHERE "userId" = $1`, [userId]);
  if (!row) return null;
  const stripe = getStripe();
  let clockId = clockOfCustomer.get(row.customerId);
  if (clockId === undefined) {
    try {
      const customer = await stripe.customers.retrieve(row.customerId);
      clockId = 'deleted' in customer && customer.deleted ? null : (idOf(customer.test_clock as string | { id: string } | null) ?? null);
    } catch (e) {
      console.warn('[patron status] could not read the test clock of', row.customerId, e instanceof Error ? e.message : e);
      clockId = null;
    }
    clockOfCustomer.set(row.customerId, clockId);
  }
  if (!clockId) return null;
  try {
    const clock = await stripe.testHelpers.testClocks.retrieve(clockId);
    return new Date(clock.frozen_time * 1000);
  } catch (e) {
    console.warn('[patron status] could not read the test clock', e instanceof Error ? e.message : e);
    return null;
  }
}

/** Tests: forget the remembered customer → clock links. */
export function forgetTestClocksForTesting(): void {
  clockOfCustomer.clear();
}

/** The mirrored subscription as `patronStatus` reads it: what the rules need plus what the account page shows. */
export type PatronSubscription = SubscriptionLike & {
  endedAt: Date | null;
  tierId: string | null;
  /** `translations`: the tier's other-language names (lib/i18n/content.ts `localized`). */
  tier: { name: string; translations?: unknown } | null;
  amount: number;
  currency: string;
  interval: 'MONTH' | 'YEAR';
  pauseBehavior: string | null;
  pauseResumesAt: Date | null;
};

const SUBSCRIPTIONS_SQL = `
  SELECT 's' AS kind, s."userId", s.id, s.status, s."cancelAtPeriodEnd",
         s."currentPeriodStart" AT TIME ZONE 'UTC' AS "currentPeriodStart",
         s."currentPeriodEnd" AT TIME ZONE 'UTC' AS "currentPeriodEnd",
         s."pastDueSince" AT TIME ZONE 'UTC' AS "pastDueSince",
         s."endedAt" AT TIME ZONE 'UTC' AS "endedAt",
         s."tierId", t.name AS "tierName", t.translations AS "tierTranslations", s.amount, s.currency, s.interval::text AS interval,
         s."pauseBehavior", s."pauseResumesAt" AT TIME ZONE 'UTC' AS "pauseResumesAt"
    FROM "Subscription" s LEFT JOIN "Tier" t ON t.id = s."tierId"
   WHERE s."userId" = ANY($1::text[])
  UNION ALL
  SELECT 'g', g."redeemedById", g.id, NULL::text, false,
         g."startsAt" AT TIME ZONE 'UTC', g."endsAt" AT TIME ZONE 'UTC', NULL::timestamptz, NULL::timestamptz,
         g."tierId", t.name, t.translations, g.amount, g.currency, NULL::text, NULL::text, NULL::timestamptz
    FROM "GiftMembership" g LEFT JOIN "Tier" t ON t.id = g."tierId"
   WHERE g."redeemedById" = ANY($1::text[]) AND g."startsAt" IS NOT NULL AND g."endsAt" IS NOT NULL`;

type Held = { subs: PatronSubscription[]; gifts: GiftSpan[] };
type Waiting = { resolve: (held: Held) => void; reject: (err: unknown) => void };
let batch: Map<string, Waiting[]> | null = null;

/**
 * The user's subscriptions, read on the raw-SQL path: `patronStatus` runs on every vote, and Prisma's
 * per-query CPU was most of that cost. Calls made in the same turn of the event loop share one query
 * (`userId = ANY(…)`, a prepared statement on PostgreSQL): every call still reads the rows as they are
 * after it was made, but 100 patrons voting at once cost a few queries instead of 100. Instants come
 * back as timestamptz (see lib/db/sql.ts).
 */
function subscriptionsOf(userId: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    if (!batch) {
      batch = new Map();
      setImmediate(flushBatch);
    }
    const waiting = batch.get(userId);
    if (waiting) waiting.push({ resolve, reject });
    else batch.set(userId, [{ resolve, reject }]);
  });
}

async function flushBatch(): Promise<void> {
  const current = batch!;
  batch = null;
  try {
    const sql = await getSql();
    // Subscriptions ('s') and redeemed gift memberships ('g', their span as the period) in one statement.
    const rows = await sql.query<
      Omit<PatronSubscription, 'tier'> & { kind: 's' | 'g'; userId: string; tierName: string | null; tierTranslations: unknown }
    >(SUBSCRIPTIONS_SQL, [[...current.keys()]], { prepared: true });
    const byUser = new Map<string, PatronSubscription[]>();
    const giftsByUser = new Map<string, GiftSpan[]>();
    for (const { kind, userId, tierName, tierTranslations, ...sub } of rows) {
      if (kind === 'g') {
        giftsByUser.set(userId, [
          ...(giftsByUser.get(userId) ?? []),
          { id: sub.id, startsAt: sub.currentPeriodStart, endsAt: sub.currentPeriodEnd, tierName },
        ]);
        continue;
      }
      const list = byUser.get(userId) ?? [];
      list.push({ ...sub, tier: tierName === null ? null : { name: tierName, translations: tierTranslations } });
      byUser.set(userId, list);
    }
    for (const [userId, waiting] of current)
      for (const w of waiting) w.resolve({ subs: byUser.get(userId) ?? [], gifts: giftsByUser.get(userId) ?? [] });
  } catch (err) {
    for (const waiting of current.values()) for (const w of waiting) w.reject(err);
  }
}

/**
 * `now` defaults to the real time. Test equipment only: a customer on a Stripe test clock
 * (STRIPE_TEST_CLOCKS) is at their clock's time; anyone else at the app's test clock's where that is set
 * (lib/runtime/test-clock.ts; never read outside test mode on a loopback site).
 */
export async function patronStatus(userId: string, now?: Date): Promise<PatronStatus<PatronSubscription>> {
  now ??= (await testClockNow(userId)) ?? (await testClockTime()) ?? new Date();
  const { subs, gifts } = await subscriptionsOf(userId);
  return withGifts(statusFromSubscriptions(subs, now, graceDaysFromEnv()), gifts, now);
}
