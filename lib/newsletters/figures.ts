/**
 * Newsletter figures for the dashboard: subscribers per newsletter at the end of each of the last 12
 * months (and now), the confirmation rate of email-only sign-ups, and newsletter → patron conversions:
 * subscribers whose first membership started after they confirmed, plus checkouts started from a
 * newsletter's call to action (attribution placement "newsletter"). Counted from the subscription
 * rows alone: no tracking pixels, no per-open data.
 */
import { getSql } from '@/lib/db/client';

export type NewsletterFigures = {
  months: string[];
  newsletters: {
    id: string;
    name: string;
    audience: string;
    subscribersNow: number;
    pendingNow: number;
    series: number[];
    signups: number;
    confirmed: number;
    confirmationRate: number | null;
    conversions: number;
  }[];
  newsletterCheckouts: number;
  newsletterCheckoutsCompleted: number;
};

function monthEnds(now: Date, n: number): { label: string; end: Date }[] {
  const out: { label: string; end: Date }[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    out.push({ label: start.toISOString().slice(0, 7), end: end > now ? now : end });
  }
  return out;
}

export async function newsletterFigures({
  now = new Date(),
  months = 12,
}: { now?: Date; months?: number } = {}): Promise<NewsletterFigures> {
  const sql = await getSql();
  const ends = monthEnds(now, months);
  const list = await sql.query<{ id: string; name: string; audience: string }>(
    `SELECT "id", "name", "audience"::text AS "audience" FROM "Newsletter" WHERE "archivedAt" IS NULL ORDER BY "audience", "createdAt"`,
  );
  const counts = await sql.query<{ newsletterId: string; confirmedNow: number; pendingNow: number; signups: number; confirmed: number }>(
    `SELECT s."newsletterId",
            count(*) FILTER (WHERE s."status" = 'CONFIRMED')::int AS "confirmedNow",
            count(*) FILTER (WHERE s."status" = 'PENDING')::int AS "pendingNow",
            count(*) FILTER (WHERE s."source" IN ('end-of-article', 'home', 'footer'))::int AS "signups",
            count(*) FILTER (WHERE s."source" IN ('end-of-article', 'home', 'footer') AND s."confirmedAt" IS NOT NULL)::int AS "confirmed"
       FROM "NewsletterSubscription" s GROUP BY s."newsletterId"`,
  );
  const points = await sql.query<{ newsletterId: string; i: number; n: number }>(
    `SELECT s."newsletterId", m.i::int AS "i", count(*)::int AS "n"
       FROM unnest($1::timestamp[]) WITH ORDINALITY AS m(e, i)
       JOIN "NewsletterSubscription" s ON s."confirmedAt" <= m.e AND (s."unsubscribedAt" IS NULL OR s."unsubscribedAt" > m.e)
      GROUP BY 1, 2`,
    [ends.map((e) => e.end.toISOString())],
  );
  const conversions = await sql.query<{ newsletterId: string; n: number }>(
    `SELECT s."newsletterId", count(DISTINCT u."id")::int AS "n"
       FROM "NewsletterSubscription" s
       JOIN "User" u ON u."id" = s."userId" OR lower(u."email") = s."email"
       JOIN LATERAL (SELECT min(sub."startedAt") AS "first" FROM "Subscription" sub WHERE sub."userId" = u."id") f ON true
      WHERE s."confirmedAt" IS NOT NULL AND f."first" IS NOT NULL AND f."first" > s."confirmedAt"
      GROUP BY s."newsletterId"`,
  );
  const [checkouts] = await sql.query<{ started: number; completed: number }>(
    `SELECT count(*)::int AS "started", count(*) FILTER (WHERE "status" = 'COMPLETED')::int AS "completed" FROM "Checkout" WHERE "placement" = 'newsletter'`,
  );
  const byId = new Map(counts.map((c) => [c.newsletterId, c]));
  const conv = new Map(conversions.map((c) => [c.newsletterId, c.n]));
  return {
    months: ends.map((e) => e.label),
    newsletters: list.map((n) => {
      const c = byId.get(n.id);
      return {
        id: n.id,
        name: n.name,
        audience: n.audience,
        subscribersNow: c?.confirmedNow ?? 0,
        pendingNow: c?.pendingNow ?? 0,
        series: ends.map((_, i) => points.find((p) => p.newsletterId === n.id && p.i === i + 1)?.n ?? 0),
        signups: c?.signups ?? 0,
        confirmed: c?.confirmed ?? 0,
        confirmationRate: c && c.signups ? c.confirmed / c.signups : null,
        conversions: conv.get(n.id) ?? 0,
      };
    }),
    newsletterCheckouts: checkouts?.started ?? 0,
    newsletterCheckoutsCompleted: checkouts?.completed ?? 0,
  };
}
