/**
 * Counting calls to action without cookies, identifiers or third parties: a beacon says "a CTA was
 * seen" or "/support was visited" with the article (or round) and placement, and we add one to that
 * day's CtaDaily row. Nothing about the reader is stored. Readers who send Do Not Track or Global
 * Privacy Control are not counted at all (the client does not even send; the server ignores them too).
 */
import { z } from 'zod';
import { getSql } from '@/lib/db/client';
import { CTA_PLACEMENTS } from '@/lib/articles/support-links';

const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,199}$/;

export const ctaBeaconSchema = z.object({
  kind: z.enum(['view', 'support'], { message: 'kind is "view" or "support".' }),
  // Article slug or round slug; "" when /support was opened directly.
  source: z.union([z.literal(''), z.string().regex(SLUG_RE, 'source is an article or round slug.')]),
  placement: z.union([z.literal(''), z.enum(CTA_PLACEMENTS, { message: `placement is one of ${CTA_PLACEMENTS.join(', ')}.` })]),
});
export type CtaBeacon = z.infer<typeof ctaBeaconSchema>;

/** True when the request asks not to be tracked (DNT: 1 or Sec-GPC: 1). */
export function optedOut(headers: Headers): boolean {
  return headers.get('dnt')?.trim() === '1' || headers.get('sec-gpc')?.trim() === '1';
}

/** Adds one view or /support visit to today's (UTC) count for the source and placement. */
export async function countCta(beacon: CtaBeacon, now = new Date()): Promise<void> {
  const sql = await getSql();
  const views = beacon.kind === 'view' ? 1 : 0;
  await sql.query(
    `INSERT INTO "CtaDaily" (day, source, placement, views, "supportVisits") VALUES ($1::date, $2, $3, $4, $5)
     ON CONFLICT (day, source, placement) DO UPDATE SET views = "CtaDaily".views + EXCLUDED.views, "supportVisits" = "CtaDaily"."supportVisits" + EXCLUDED."supportVisits"`,
    [now.toISOString().slice(0, 10), beacon.source, beacon.placement, views, 1 - views],
  );
}
