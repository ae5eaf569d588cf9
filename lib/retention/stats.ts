/**
 * Retention figures for the dashboard: why patrons left, which offers they took, and how many were
 * saved (took an offer, or had a pending request and are still patrons). Counted from
 * CancellationRequest rows created in [from, to).
 */
import { getDb } from '@/lib/db/client';

export type RetentionStats = {
  requests: number;
  canceled: number;
  saved: number;
  offersAccepted: { paused: number; lowered: number; yearly: number };
  reasons: { reason: string; count: number }[];
  pausedNow: number;
};

export const SAVED_OUTCOMES = ['paused', 'lowered', 'yearly'] as const;

/** Pure: the figures from request rows (unit-tested against a hand-built history). */
export function summarise(rows: { reason: string; outcome: string }[], pausedNow: number): RetentionStats {
  const reasons = new Map<string, number>();
  const offers = { paused: 0, lowered: 0, yearly: 0 };
  let canceled = 0;
  for (const r of rows) {
    reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
    if (r.outcome === 'canceled') canceled++;
    if (r.outcome === 'paused' || r.outcome === 'lowered' || r.outcome === 'yearly') offers[r.outcome]++;
  }
  return {
    requests: rows.length,
    canceled,
    saved: offers.paused + offers.lowered + offers.yearly,
    offersAccepted: offers,
    reasons: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    pausedNow,
  };
}

export async function getRetentionStats(range: { from?: Date; to?: Date } = {}, now: Date = new Date()): Promise<RetentionStats> {
  const db = await getDb();
  const rows = await db.cancellationRequest.findMany({
    where: {
      createdAt: { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) },
      outcome: { not: 'pending' },
    },
    select: { reason: true, outcome: true },
  });
  const pausedNow = await db.subscription.count({
    where: {
      pauseBehavior: { not: null },
      status: { in: ['active', 'trialing', 'past_due'] },
      OR: [{ pauseResumesAt: null }, { pauseResumesAt: { gt: now } }],
    },
  });
  return summarise(rows, pausedNow);
}
