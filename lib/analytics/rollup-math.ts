/**
 * Pure rules turning a subscription's history (SubscriptionChange rows) into DailyRollup deltas.
 * The webhook path (history.ts) and the full recompute (rollups.ts) both use `transitionDeltas`, so
 * the incremental rollups and a recompute can only differ if rows were recorded concurrently.
 *
 * A row's state holds from its `at` until the next row of the same subscription (`supersededAt`).
 * Whether it counts comes from `statusOfOne` (lib/billing/patron-status.ts, the one rule): a state that
 * is a patron at `at` stays one until `patronUntil` (canceling: period end; past due: grace end;
 * endedAt) — a time-based transition that needs no webhook. Only losses are ever scheduled, so a row
 * contributes one constant level over [at, min(patronUntil, supersededAt)).
 */
import { statusOfOne } from '@/lib/billing/patron-status';

const DAY = 86_400_000;

export type ChangeState = {
  at: Date;
  status: string;
  tierId: string | null;
  currency: string;
  interval: 'MONTH' | 'YEAR';
  amount: number;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date;
  pastDueSince: Date | null;
  endedAt: Date | null;
};

/** What a state contributes to the levels while it is a patron. mrr12: twelfths of minor units per month. */
export type Level = { patrons: number; paying: number; trials: number; pastDue: number; mrr12: number };

export type Derived = { isPatron: boolean; patronUntil: Date | null; level: Level };

export const ZERO: Level = { patrons: 0, paying: 0, trials: 0, pastDue: 0, mrr12: 0 };

/** Monthly amount × 12 (a yearly plan's amount is exactly 12 months' worth). */
export const monthly12 = (amount: number, interval: 'MONTH' | 'YEAR') => (interval === 'YEAR' ? amount : amount * 12);

function asSubscription(s: ChangeState) {
  // Without pastDueSince the row's own time stands in for the period start (the mirror always sets it).
  return {
    id: '',
    status: s.status,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    currentPeriodStart: s.at,
    currentPeriodEnd: s.currentPeriodEnd,
    pastDueSince: s.pastDueSince,
    endedAt: s.endedAt,
  };
}

/** Is the state a patron at its own `at`, when does it stop being one on its own, and what does it count? */
export function derive(s: ChangeState, graceDays: number): Derived {
  const st = statusOfOne(asSubscription(s), s.at, graceDays);
  if (!st.isPatron) return { isPatron: false, patronUntil: null, level: ZERO };
  let until: number | null = null;
  const consider = (d: Date | null | undefined) => {
    if (d && d.getTime() > s.at.getTime() && (until === null || d.getTime() < until)) until = d.getTime();
  };
  if (st.state === 'canceling') consider(st.endsAt);
  if (st.state === 'past_due_grace') consider(st.graceEndsAt);
  consider(s.endedAt);
  const trialing = st.state === 'trialing' || (st.state === 'canceling' && s.status === 'trialing');
  return {
    isPatron: true,
    patronUntil: until === null ? null : new Date(until),
    level: {
      patrons: 1,
      paying: trialing ? 0 : 1,
      trials: trialing ? 1 : 0,
      pastDue: st.state === 'past_due_grace' ? 1 : 0,
      mrr12: trialing ? 0 : monthly12(s.amount, s.interval),
    },
  };
}

export type DeltaFields = Level & {
  newPatrons: number;
  churned: number;
  reactivated: number;
  upgrades: number;
  downgrades: number;
  /** A patron paused payments (a pause offer): not a patron while paused, yet not churned. */
  paused: number;
  /** A paused subscription is a patron again: not a reactivation. */
  resumed: number;
};

export type Delta = { day: string; currency: string; tierId: string; interval: 'MONTH' | 'YEAR' } & Partial<DeltaFields>;

export const dayOf = (d: Date) => new Date(Math.floor(d.getTime() / DAY) * DAY).toISOString().slice(0, 10);

const keyOf = (s: ChangeState) => ({ currency: s.currency, tierId: s.tierId ?? '', interval: s.interval });
const neg = (l: Level): Level => ({ patrons: -l.patrons, paying: -l.paying, trials: -l.trials, pastDue: -l.pastDue, mrr12: -l.mrr12 });

export type PreviousRow = ChangeState & Derived;

/** The status the mirror records while Stripe's pause_collection holds (historyStatus in lib/billing/mirror/subscription.ts). */
export const PAUSED = 'paused';

/**
 * The rollup deltas of appending `next` after `prev` (null for a subscription's first row).
 * `prev` was recorded with its own scheduled end (patronUntil) counted; that is undone when `next`
 * supersedes it first. `userHadPatronage`: an earlier row of the same user was a patron (new vs reactivated).
 */
export function transitionDeltas(prev: PreviousRow | null, next: ChangeState, nextDerived: Derived, userHadPatronage: boolean): Delta[] {
  const out: Delta[] = [];
  const S = next.at;
  let prevPatronAtS = false;
  if (prev && prev.isPatron) {
    const until = prev.patronUntil;
    prevPatronAtS = until === null || until.getTime() > S.getTime();
    if (prevPatronAtS) {
      // prev stops at S instead of at its scheduled end. A pause is not churn: it counts as paused.
      if (until) out.push({ day: dayOf(until), ...keyOf(prev), ...prev.level, churned: -1 });
      const pausing = next.status === PAUSED && !nextDerived.isPatron;
      out.push({
        day: dayOf(S),
        ...keyOf(prev),
        ...neg(prev.level),
        churned: nextDerived.isPatron || pausing ? 0 : 1,
        ...(pausing ? { paused: 1 } : {}),
      });
    }
  }
  // A paused subscription that ends without resuming: the patron leaves for good now (the pause was not churn).
  if (prev && prev.status === PAUSED && !prevPatronAtS && !nextDerived.isPatron && next.status !== PAUSED) {
    out.push({ day: dayOf(S), ...keyOf(prev), churned: 1 });
  }
  if (nextDerived.isPatron) {
    const d = nextDerived.level;
    const start: Delta = { day: dayOf(S), ...keyOf(next), ...d };
    if (!prevPatronAtS) {
      if (prev && prev.status === PAUSED) start.resumed = 1;
      else if (userHadPatronage) start.reactivated = 1;
      else start.newPatrons = 1;
    } else if (prev && prev.currency === next.currency) {
      const before = monthly12(prev.amount, prev.interval);
      const after = monthly12(next.amount, next.interval);
      if (after > before) start.upgrades = 1;
      if (after < before) start.downgrades = 1;
    }
    out.push(start);
    if (nextDerived.patronUntil) out.push({ day: dayOf(nextDerived.patronUntil), ...keyOf(next), ...neg(d), churned: 1 });
  }
  return out;
}

export const FIELDS = [
  'patrons',
  'paying',
  'trials',
  'pastDue',
  'mrr12',
  'newPatrons',
  'churned',
  'reactivated',
  'upgrades',
  'downgrades',
  'paused',
  'resumed',
] as const;

/** Sums deltas per rollup key (day, currency, tier, cadence). */
export function aggregate(deltas: Iterable<Delta>, into = new Map<string, Delta>()): Map<string, Delta> {
  for (const d of deltas) {
    const k = `${d.day}|${d.currency}|${d.tierId}|${d.interval}`;
    let a = into.get(k);
    if (!a) into.set(k, (a = { day: d.day, currency: d.currency, tierId: d.tierId, interval: d.interval }));
    for (const f of FIELDS) if (d[f]) a[f] = (a[f] ?? 0) + d[f]!;
  }
  return into;
}

/** The aggregated deltas that change anything. */
export const nonZero = (m: Map<string, Delta>) => [...m.values()].filter((a) => FIELDS.some((f) => a[f]));
