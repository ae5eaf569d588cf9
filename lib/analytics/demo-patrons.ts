/**
 * Demo supporters for the dashboards: a deterministic two-year history (joins growing over time,
 * monthly/yearly plans in USD and EUR on the demo tiers, trials, upgrades and downgrades, cancellations
 * at period end, failed payments that recover or lapse, refunds, reactivations, checkouts attributed
 * to demo articles, placements and rounds, CTA counts, votes in the demo rounds of lib/voting/demo-rounds.ts), written in bulk
 * SQL, then the rollups are recomputed.
 *
 * Every demo member has an e-mail at DEMO_EMAIL_DOMAIN and every demo id starts with "demo_", so
 * `removeDemoPatrons` deletes them and only them. The manifest's figures are computed here from the
 * generated plan with `statusOfOne` (not from the SQL rollups), so the dashboard can be checked against
 * it. No state changes within ±2 days of `now`, so figures read minutes later still match.
 */
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { onlyRow, sqlOf, type Sql } from '@/lib/db/sql';
import { statusOfOne } from '@/lib/billing/patron-status';
import { graceDays as graceDaysFromEnv } from '@/lib/billing/config';
import { DEMO_TIERS } from '@/lib/billing/demo-tiers';
import { recomputeRollups } from './rollups';
import { refreshMemberSummaries } from '@/lib/members/member-summary';
import { monthly12 } from './rollup-math';
import type { DemoPatronsManifest } from './types';
import { finishDemoRounds, pickWeighted, removeDemoRounds, seedDemoRounds } from '@/lib/voting/demo-rounds';

export const DEMO_EMAIL_DOMAIN = 'demo-patrons.patronage.test';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const QUIET = 2 * DAY + 6 * HOUR; // no state changes this close to `now`
const PLACEMENTS = ['end-of-article', 'inline', 'banner'] as const;
const FIRST = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'June',
  'Kofi',
  'Lena',
  'Marco',
  'Nia',
  'Omar',
  'Pia',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vera',
  'Wes',
  'Xia',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Smith',
  'Okafor',
  'Garcia',
  'Nguyen',
  'Müller',
  'Rossi',
  'Kowalski',
  'Haddad',
  'Larsen',
  'Silva',
  'Tanaka',
  'Dubois',
  'Khan',
  'Murphy',
  'Novak',
  'Jensen',
  'Moreau',
  'Costa',
  'Fischer',
  'Brown',
];

/** Mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => {
      if (xs.length === 0) throw new Error('pick() from an empty list');
      return xs[Math.floor(next() * xs.length)]!;
    },
    chance: (p: number) => next() < p,
  };
}

type Interval = 'MONTH' | 'YEAR';
type State = {
  at: number;
  status: string;
  tierId: string;
  currency: string;
  interval: Interval;
  amount: number;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: number;
  pastDueSince: number | null;
  endedAt: number | null;
};

type TierPlan = { id: string; slug: string; prices: Record<string, number> };

export type SeedDemoPatronsOptions = { patrons: number; seed?: number; now?: Date; graceDays?: number; log?: (msg: string) => void };

/** Column kinds for the bulk inserts (timestamps travel as ISO strings, stored as UTC wall time). */
type Kind = 'text' | 'int' | 'bool' | 'ts' | 'date' | `enum:${string}`;

class Bulk {
  private rows: unknown[][] = [];
  inserted = 0;
  constructor(
    private sql: Sql,
    private table: string,
    private cols: [string, Kind][],
    private parents: Bulk[] = [],
    private size = 5000,
  ) {}
  async add(row: unknown[]) {
    this.rows.push(row);
    if (this.rows.length >= this.size) await this.flush();
  }
  async flush() {
    if (!this.rows.length) return;
    for (const p of this.parents) await p.flush(); // rows referenced by foreign keys first
    const rows = this.rows;
    this.rows = [];
    const arrays = this.cols.map((_, i) => rows.map((r) => r[i] ?? null));
    const arrType = (k: Kind) =>
      k === 'int' ? 'int[]' : k === 'bool' ? 'bool[]' : k === 'date' ? 'date[]' : k === 'ts' ? 'timestamptz[]' : 'text[]';
    const select = this.cols.map(([n, k]) =>
      k === 'ts' ? `u."${n}" AT TIME ZONE 'UTC'` : k.startsWith('enum:') ? `u."${n}"::"${k.slice(5)}"` : `u."${n}"`,
    );
    await this.sql.query(
      `INSERT INTO "${this.table}" (${this.cols.map(([n]) => `"${n}"`).join(', ')})
       SELECT ${select.join(', ')} FROM unnest(${this.cols.map(([, k], i) => `$${i + 1}::${arrType(k)}`).join(', ')}) AS u(${this.cols.map(([n]) => `"${n}"`).join(', ')})`,
      arrays,
    );
    this.inserted += rows.length;
  }
}

const iso = (t: number | null) => (t == null ? null : new Date(t).toISOString());
const addMonths = (t: number, n: number) => {
  const d = new Date(t);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.getTime();
};

/** A join time whose first monthly renewal (addMonths(join, 1)) falls at `renewal` (month lengths vary). */
const joinRenewingAt = (renewal: number) => {
  let join = addMonths(renewal, -1);
  for (let k = 0; k < 3; k++) join -= addMonths(join, 1) - renewal;
  return join;
};

async function ensureDemoTiers(prisma: PrismaClient): Promise<TierPlan[]> {
  const plans: TierPlan[] = [];
  for (const t of DEMO_TIERS) {
    let tier = await prisma.tier.findUnique({ where: { slug: t.slug! }, include: { prices: true } });
    if (!tier) {
      // Not synced to Stripe here: seedDemoTiers (npm start) syncs tiers missing their Stripe product.
      tier = await prisma.tier.create({
        data: {
          slug: t.slug!,
          name: t.name,
          description: t.description ?? '',
          perks: t.perks ?? [],
          payWhatYouWant: t.payWhatYouWant ?? false,
          position: t.position ?? 0,
          prices: { create: (t.prices ?? []).map((p) => ({ currency: p.currency, interval: p.interval, amount: p.amount })) },
        },
        include: { prices: true },
      });
    }
    const prices: Record<string, number> = {};
    for (const p of tier.prices) if (p.active) prices[`${p.currency}:${p.interval}`] = p.amount;
    plans.push({ id: tier.id, slug: tier.slug, prices });
  }
  return plans;
}

export async function seedDemoPatrons(prisma: PrismaClient, opts: SeedDemoPatronsOptions): Promise<DemoPatronsManifest> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? 1;
  const now = (opts.now ?? new Date()).getTime();
  const grace = opts.graceDays ?? graceDaysFromEnv();
  const sql = sqlOf(prisma);
  const r = rng(seed);
  const historyStart = now - 730 * DAY;
  const lastJoin = now - QUIET - DAY;
  const quiet = (t: number) => Math.abs(t - now) < QUIET;

  const tiers = await ensureDemoTiers(prisma);
  const tierBySlug = new Map(tiers.map((t) => [t.slug, t]));
  const articles = await prisma.article.findMany({
    where: { status: 'PUBLISHED' },
    select: { slug: true },
    orderBy: { slug: 'asc' },
    take: 60,
  });
  const articleSlugs = articles.map((a) => a.slug);

  // The demo newsroom's rounds (idempotent: `npm start` may have written them with the articles).
  // Past rounds bring readers in (checkout attribution); the patrons vote in all of them.
  const rounds = await seedDemoRounds(prisma, new Date(now));
  const pastRounds = rounds.filter((x) => !x.open);

  const cols = {
    user: [
      ['id', 'text'],
      ['email', 'text'],
      ['name', 'text'],
      ['role', 'enum:Role'],
      ['createdAt', 'ts'],
      ['updatedAt', 'ts'],
    ] as [string, Kind][],
    customer: [
      ['userId', 'text'],
      ['customerId', 'text'],
      ['createdAt', 'ts'],
    ] as [string, Kind][],
    sub: [
      ['id', 'text'],
      ['userId', 'text'],
      ['customerId', 'text'],
      ['status', 'text'],
      ['tierId', 'text'],
      ['stripePriceId', 'text'],
      ['currency', 'text'],
      ['interval', 'enum:BillingInterval'],
      ['amount', 'int'],
      ['currentPeriodStart', 'ts'],
      ['currentPeriodEnd', 'ts'],
      ['cancelAtPeriodEnd', 'bool'],
      ['canceledAt', 'ts'],
      ['endedAt', 'ts'],
      ['trialEnd', 'ts'],
      ['pastDueSince', 'ts'],
      ['startedAt', 'ts'],
      ['syncedAt', 'ts'],
    ] as [string, Kind][],
    change: [
      ['id', 'text'],
      ['subscriptionId', 'text'],
      ['userId', 'text'],
      ['at', 'ts'],
      ['status', 'text'],
      ['tierId', 'text'],
      ['currency', 'text'],
      ['interval', 'enum:BillingInterval'],
      ['amount', 'int'],
      ['cancelAtPeriodEnd', 'bool'],
      ['currentPeriodEnd', 'ts'],
      ['pastDueSince', 'ts'],
      ['endedAt', 'ts'],
      ['prevSeq', 'int'],
      ['createdAt', 'ts'],
    ] as [string, Kind][],
    invoice: [
      ['id', 'text'],
      ['userId', 'text'],
      ['subscriptionId', 'text'],
      ['customerId', 'text'],
      ['status', 'text'],
      ['currency', 'text'],
      ['amountDue', 'int'],
      ['amountPaid', 'int'],
      ['amountRefunded', 'int'],
      ['periodStart', 'ts'],
      ['periodEnd', 'ts'],
      ['paidAt', 'ts'],
      ['createdAt', 'ts'],
      ['syncedAt', 'ts'],
    ] as [string, Kind][],
    payment: [
      ['id', 'text'],
      ['userId', 'text'],
      ['customerId', 'text'],
      ['invoiceId', 'text'],
      ['checkoutSessionId', 'text'],
      ['amount', 'int'],
      ['amountRefunded', 'int'],
      ['currency', 'text'],
      ['status', 'text'],
      ['createdAt', 'ts'],
      ['refundedAt', 'ts'],
      ['syncedAt', 'ts'],
    ] as [string, Kind][],
    checkout: [
      ['id', 'text'],
      ['userId', 'text'],
      ['mode', 'text'],
      ['tierId', 'text'],
      ['currency', 'text'],
      ['interval', 'enum:BillingInterval'],
      ['amount', 'int'],
      ['fromArticle', 'text'],
      ['placement', 'text'],
      ['fromRound', 'text'],
      ['status', 'enum:CheckoutStatus'],
      ['subscriptionId', 'text'],
      ['createdAt', 'ts'],
      ['completedAt', 'ts'],
    ] as [string, Kind][],
    vote: [
      ['id', 'text'],
      ['userId', 'text'],
      ['topicId', 'text'],
      ['roundId', 'text'],
      ['createdAt', 'ts'],
    ] as [string, Kind][],
  };
  const users = new Bulk(sql, 'User', cols.user);
  const customers = new Bulk(sql, 'StripeCustomer', cols.customer, [users]);
  const subs = new Bulk(sql, 'Subscription', cols.sub, [users]);
  const changes = new Bulk(sql, 'SubscriptionChange', cols.change);
  const invoices = new Bulk(sql, 'Invoice', cols.invoice, [users, subs]);
  const payments = new Bulk(sql, 'Payment', cols.payment, [users, invoices]);
  const checkouts = new Bulk(sql, 'Checkout', cols.checkout, [users]);
  const votes = new Bulk(sql, 'Vote', cols.vote, [users]);

  const cta = new Map<string, { day: string; source: string; placement: string; views: number; visits: number }>();
  const countCta = (t: number, source: string, placement: string, visits: number) => {
    const day = new Date(t).toISOString().slice(0, 10);
    const k = `${day}|${source}|${placement}`;
    const row = cta.get(k) ?? { day, source, placement, views: 0, visits: 0 };
    row.visits += visits;
    row.views += visits * (8 + r.int(10));
    cta.set(k, row);
  };

  const manifest: DemoPatronsManifest = {
    now: new Date(now).toISOString(),
    seed,
    members: 0,
    activePatrons: 0,
    payingPatrons: 0,
    trials: 0,
    pastDue: 0,
    mrrByCurrency: {},
    emailDomain: DEMO_EMAIL_DOMAIN,
  };
  const mrr12 = new Map<string, number>();
  let subCount = 0;
  let payCount = 0;
  let invCount = 0;
  let chkCount = 0;
  let voteCount = 0;
  const nowIso = iso(now);

  for (let i = 0; i < opts.patrons; i++) {
    const userId = `demo_${seed}_u${i}`;
    const customerId = `demo_${seed}_cus${i}`;
    const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
    // About 1 member in 100 is, by construction, in a trial or in a grace period now, so that even a
    // small demo (npm start seeds 300) shows those figures and the end-to-end test can check them.
    const showcase = i % 97 === 5 ? 'trial' : i % 97 === 11 ? 'pastDue' : null;
    const joinFirst =
      showcase === 'trial'
        ? now - (4 + r.int(7)) * DAY // trial ends 3–10 days from now
        : showcase === 'pastDue'
          ? joinRenewingAt(now - 3.5 * DAY) // first monthly renewal fails 3.5 days ago
          : historyStart + (lastJoin - historyStart) * Math.sqrt(r.next()); // growing over time
    const userCreated = joinFirst - r.int(60) * DAY - r.int(24) * HOUR;
    await users.add([userId, `patron${i}.s${seed}@${DEMO_EMAIL_DOMAIN}`, name, 'READER', iso(userCreated), iso(userCreated)]);
    await customers.add([userId, customerId, iso(joinFirst)]);
    manifest.members++;
    const engaged = r.chance(0.35); // votes, and churns less
    const patronIntervals: [number, number][] = [];

    let join = joinFirst;
    for (let subIndex = 0; subIndex < 3 && join < lastJoin; subIndex++) {
      const subId = `demo_${seed}_sub${i}_${subIndex}`;
      const currency = r.chance(0.6) ? 'usd' : 'eur';
      const forcedPastDue = showcase === 'pastDue' && subIndex === 0;
      const interval: Interval = forcedPastDue ? 'MONTH' : r.chance(0.22) ? 'YEAR' : 'MONTH';
      const tierRoll = r.next();
      let tier = tierBySlug.get(tierRoll < 0.55 ? 'reader' : tierRoll < 0.9 ? 'supporter' : 'champion')!;
      const priceOf = (t: TierPlan, extra: number) => (t.prices[`${currency}:${interval}`] ?? 1000) + extra;
      let amount = priceOf(tier, tier.slug === 'champion' ? r.int(6) * (interval === 'YEAR' ? 5000 : 500) : 0);
      const trial = showcase === 'trial' && subIndex === 0 ? true : !forcedPastDue && r.chance(0.1) && !quiet(join + 14 * DAY);
      const periodLength = (t: number) => (interval === 'YEAR' ? addMonths(t, 12) : addMonths(t, 1));
      const rows: State[] = [];
      let s: State = {
        at: join,
        status: trial ? 'trialing' : 'active',
        tierId: tier.id,
        currency,
        interval,
        amount,
        cancelAtPeriodEnd: false,
        currentPeriodEnd: trial ? join + 14 * DAY : periodLength(join),
        pastDueSince: null,
        endedAt: null,
      };
      const push = (next: Partial<State> & { at: number }) => {
        s = { ...s, ...next };
        rows.push(s);
      };
      rows.push(s);
      let periodStart = join;
      let end: number | null = null; // when patronage ended (for votes and reactivation)

      // Checkout that started it.
      const fromRound = r.chance(0.15) ? pastRounds.find((x) => x.opensAt <= join && join < x.closesAt + 30 * DAY) : undefined;
      const fromArticle = !fromRound && articleSlugs.length && r.chance(0.7) ? r.pick(articleSlugs) : null;
      const placement = fromRound ? 'topics' : fromArticle ? r.pick(PLACEMENTS) : 'banner';
      const checkoutId = `demo_${seed}_cs${i}_${subIndex}`;
      await checkouts.add([
        checkoutId,
        userId,
        'subscription',
        tier.id,
        currency,
        interval,
        amount,
        fromArticle,
        placement,
        fromRound?.slug ?? null,
        'COMPLETED',
        subId,
        iso(join - 5 * 60_000),
        iso(join),
      ]);
      chkCount++;
      countCta(join, fromRound?.slug ?? fromArticle ?? '', placement, 2 + r.int(4));
      if (r.chance(0.5)) {
        const t = join - r.int(20) * DAY - HOUR;
        if (t > userCreated) {
          await checkouts.add([
            `${checkoutId}_x`,
            userId,
            'subscription',
            tier.id,
            currency,
            interval,
            amount,
            fromArticle,
            placement,
            fromRound?.slug ?? null,
            'EXPIRED',
            null,
            iso(t),
            null,
          ]);
          chkCount++;
          countCta(t, fromRound?.slug ?? fromArticle ?? '', placement, 1 + r.int(3));
        }
      }

      // Invoices and payments wait until the subscription row is queued (foreign keys).
      const pendingInvoices: unknown[][] = [];
      const pendingPayments: unknown[][] = [];
      const pay = (t: number, amt: number, ok: boolean, periodEnd: number) => {
        const invId = `demo_${seed}_in${i}_${subIndex}_${invCount++}`;
        const refundAt = t + (1 + r.int(5)) * DAY;
        const refunded = ok && r.chance(0.01) && refundAt < now - QUIET ? amt : 0;
        const refundedAt = refunded ? refundAt : null;
        pendingInvoices.push([
          invId,
          userId,
          subId,
          customerId,
          ok ? 'paid' : 'open',
          currency,
          amt,
          ok ? amt : 0,
          refunded,
          iso(t),
          iso(periodEnd),
          ok ? iso(t) : null,
          iso(t),
          nowIso,
        ]);
        pendingPayments.push([
          `demo_${seed}_ch${payCount++}`,
          userId,
          customerId,
          invId,
          null,
          amt,
          refunded,
          currency,
          !ok ? 'failed' : refunded ? 'refunded' : 'succeeded',
          iso(t),
          iso(refundedAt),
          nowIso,
        ]);
      };

      if (!trial) pay(join, amount, true, s.currentPeriodEnd);
      const cancelP = (interval === 'YEAR' ? 0.18 : 0.035) * (engaged ? 0.5 : 1);
      for (;;) {
        const pe = s.currentPeriodEnd;
        const inTrial = s.status === 'trialing';
        // A cancellation request during this period, effective at its end.
        if (!(forcedPastDue && periodStart === join) && r.chance(inTrial ? 0.25 : cancelP)) {
          const t = periodStart + (pe - periodStart) * (0.1 + 0.8 * r.next());
          if (t < now - QUIET && !quiet(pe)) {
            push({ at: t, cancelAtPeriodEnd: true });
            end = pe;
            if (pe < now) push({ at: pe, status: 'canceled', endedAt: pe });
            break;
          }
        }
        if (pe >= now - QUIET) break; // still running
        // Renewal (or the end of the trial) at pe.
        const nextEnd = periodLength(pe);
        if (r.chance(0.015)) {
          // Upgrade or downgrade at renewal.
          const options = tiers.filter((x) => x.id !== tier.id);
          tier = r.pick(options);
          amount = priceOf(tier, 0);
        }
        const recoverAfter = (1 + r.int(5)) * DAY;
        const forcedFailure = forcedPastDue && periodStart === join;
        const recovers = !forcedFailure && r.chance(0.6);
        const fails = forcedFailure || (r.chance(0.03) && ![pe, pe + recoverAfter, pe + grace * DAY, pe + 14 * DAY].some(quiet));
        if (fails) {
          push({ at: pe, status: 'past_due', pastDueSince: pe, currentPeriodEnd: nextEnd, tierId: tier.id, amount });
          pay(pe, amount, false, nextEnd);
          if (recovers && pe + recoverAfter < now) {
            push({ at: pe + recoverAfter, status: 'active', pastDueSince: null });
            pay(pe + recoverAfter, amount, true, nextEnd);
          } else if (!recovers) {
            end = pe + grace * DAY;
            if (pe + 14 * DAY < now) push({ at: pe + 14 * DAY, status: 'canceled', endedAt: pe + 14 * DAY });
            break;
          } else break; // recovery still ahead (never within the quiet window)
        } else {
          const changed = s.status !== 'active' || s.tierId !== tier.id || s.amount !== amount;
          if (changed) push({ at: pe, status: 'active', tierId: tier.id, amount, currentPeriodEnd: nextEnd });
          else s = { ...s, currentPeriodEnd: nextEnd }; // a renewal changes no figure: not recorded
          pay(pe, amount, true, nextEnd);
        }
        periodStart = pe;
        s = { ...s, currentPeriodEnd: nextEnd };
      }

      // Write the history and the subscription as the mirror would have it now.
      for (const [k, row] of rows.entries()) {
        await changes.add([
          `demo_${seed}_sc${i}_${subIndex}_${k}`,
          subId,
          userId,
          iso(row.at),
          row.status,
          row.tierId,
          row.currency,
          row.interval,
          row.amount,
          row.cancelAtPeriodEnd,
          iso(row.currentPeriodEnd),
          iso(row.pastDueSince),
          iso(row.endedAt),
          -k - 1,
          nowIso,
        ]);
      }
      const last = rows.at(-1);
      if (!last) throw new Error(`demo subscription ${subId} has no history`);
      const current = {
        ...s,
        status: last.status,
        cancelAtPeriodEnd: last.cancelAtPeriodEnd,
        pastDueSince: last.pastDueSince,
        endedAt: last.endedAt,
      };
      const currentPeriodEnd = Math.max(current.currentPeriodEnd, last.currentPeriodEnd);
      await subs.add([
        subId,
        userId,
        customerId,
        current.status,
        current.tierId,
        `demo_price_${current.tierId}_${currency}_${interval}`,
        currency,
        interval,
        current.amount,
        iso(interval === 'YEAR' ? addMonths(currentPeriodEnd, -12) : addMonths(currentPeriodEnd, -1)),
        iso(last.cancelAtPeriodEnd || last.endedAt ? last.currentPeriodEnd : currentPeriodEnd),
        current.cancelAtPeriodEnd,
        current.cancelAtPeriodEnd ? iso(rows.find((x) => x.cancelAtPeriodEnd)!.at) : null,
        iso(current.endedAt),
        trial ? iso(join + 14 * DAY) : null,
        iso(current.pastDueSince),
        iso(join),
        nowIso,
      ]);
      subCount++;
      for (const row of pendingInvoices) await invoices.add(row);
      for (const row of pendingPayments) await payments.add(row);

      // The manifest: the last recorded state, judged now by the one rule.
      const st = statusOfOne(
        {
          id: subId,
          status: last.status,
          cancelAtPeriodEnd: last.cancelAtPeriodEnd,
          currentPeriodStart: new Date(last.at),
          currentPeriodEnd: new Date(last.currentPeriodEnd),
          pastDueSince: last.pastDueSince == null ? null : new Date(last.pastDueSince),
          endedAt: last.endedAt == null ? null : new Date(last.endedAt),
        },
        new Date(now),
        grace,
      );
      if (st.isPatron) {
        manifest.activePatrons++;
        const trialing = last.status === 'trialing';
        if (trialing) manifest.trials++;
        else {
          manifest.payingPatrons++;
          mrr12.set(currency, (mrr12.get(currency) ?? 0) + monthly12(last.amount, last.interval));
        }
        if (st.state === 'past_due_grace') manifest.pastDue++;
      }
      patronIntervals.push([join, end ?? now + 365 * DAY]);

      // Some come back later with a new subscription.
      if (end === null || end >= now - QUIET || !r.chance(0.15)) break;
      join = end + (30 + r.int(200)) * DAY;
      if (quiet(join)) break;
    }

    // A one-off gift now and then.
    if (r.chance(0.05)) {
      const t = joinFirst + r.next() * (now - QUIET - joinFirst);
      const cs = `demo_${seed}_cs${i}_gift`;
      const currency = r.chance(0.6) ? 'usd' : 'eur';
      const amount = (1 + r.int(10)) * 500;
      const article = articleSlugs.length ? r.pick(articleSlugs) : null;
      await checkouts.add([
        cs,
        userId,
        'payment',
        null,
        currency,
        null,
        amount,
        article,
        'end-of-article',
        null,
        'COMPLETED',
        null,
        iso(t - 60_000),
        iso(t),
      ]);
      await payments.add([
        `demo_${seed}_ch${payCount++}`,
        userId,
        customerId,
        null,
        cs,
        amount,
        0,
        currency,
        'succeeded',
        iso(t),
        null,
        nowIso,
      ]);
      chkCount++;
      countCta(t, article ?? '', 'end-of-article', 2);
    }

    // Engaged patrons vote in the rounds they were patrons for (the open one: until an hour ago, and
    // fewer of them, as it is only days old), the written winners more often (weights in rounds.json).
    if (engaged) {
      for (const round of rounds) {
        const during = patronIntervals.find(([a, b]) => a < round.closesAt && b > round.opensAt);
        if (!during || !r.chance(round.open ? 0.55 : 0.8)) continue;
        const from = Math.max(round.opensAt, during[0]);
        const to = Math.min(round.closesAt, during[1], now - HOUR);
        if (to <= from) continue;
        const picks = pickWeighted(
          r.next,
          round.topics.map((t) => t.weight),
          Math.min(1 + r.int(3), round.votesPerPatron),
        );
        for (const j of picks) {
          await votes.add([`demo_${seed}_v${voteCount++}`, userId, round.topics[j]!.id, round.id, iso(from + (to - from) * r.next())]);
        }
      }
    }
    if (i % 20000 === 19999) log(`  ${i + 1} patrons planned (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  for (const b of [users, customers, subs, changes, invoices, payments, checkouts, votes]) await b.flush();
  await finishDemoRounds(prisma, rounds);

  // CTA views and support visits (no identifiers: just daily counts).
  const ctaRows = [...cta.values()];
  for (let k = 0; k < ctaRows.length; k += 5000) {
    const chunk = ctaRows.slice(k, k + 5000);
    await sql.query(
      `INSERT INTO "CtaDaily" (day, source, placement, views, "supportVisits")
       SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::int[], $5::int[])
       ON CONFLICT (day, source, placement) DO UPDATE SET views = "CtaDaily".views + EXCLUDED.views, "supportVisits" = "CtaDaily"."supportVisits" + EXCLUDED."supportVisits"`,
      [
        chunk.map((c) => c.day),
        chunk.map((c) => c.source),
        chunk.map((c) => c.placement),
        chunk.map((c) => c.views),
        chunk.map((c) => c.visits),
      ],
    );
  }
  log(
    `  inserted ${users.inserted} members, ${subCount} subscriptions, ${changes.inserted} history rows, ${invoices.inserted} invoices, ${payments.inserted} payments, ${chkCount} checkouts, ${voteCount} votes (${Math.round((Date.now() - started) / 1000)} s)`,
  );
  const recompute = await recomputeRollups({ sql, graceDays: grace });
  log(`  rollups recomputed in ${(recompute.ms / 1000).toFixed(1)} s`);
  // Triggers kept the members' summary rows; bring their subscription columns up to date now rather
  // than on the first member search, and give the planner fresh statistics for them.
  const summaryStarted = Date.now();
  const refreshed = await refreshMemberSummaries(new Date(), sql);
  await sql.query(`ANALYZE "MemberSummary"`);
  log(`  ${refreshed} member summaries refreshed in ${((Date.now() - summaryStarted) / 1000).toFixed(1)} s`);

  manifest.mrrByCurrency = Object.fromEntries([...mrr12].sort().map(([c, v]) => [c, Math.round(v / 12)]));
  return manifest;
}

/** Deletes the demo members and everything that belongs to them, then recomputes the rollups. */
export async function removeDemoPatrons(prisma: PrismaClient): Promise<{ members: number }> {
  const sql = sqlOf(prisma);
  const like = `%@${DEMO_EMAIL_DOMAIN}`;
  await sql.query(`DELETE FROM "SubscriptionChange" WHERE "userId" IN (SELECT id FROM "User" WHERE email LIKE $1)`, [like]);
  await sql.query(`DELETE FROM "Payment" WHERE "userId" IN (SELECT id FROM "User" WHERE email LIKE $1)`, [like]);
  await sql.query(`DELETE FROM "Invoice" WHERE "userId" IN (SELECT id FROM "User" WHERE email LIKE $1)`, [like]);
  await removeDemoRounds(prisma);
  const { n } = onlyRow(
    await sql.query<{ n: number }>(
      `WITH gone AS (DELETE FROM "User" WHERE email LIKE $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [like],
    ),
  );
  await recomputeRollups({ sql });
  return { members: n };
}
