/** Newsletter settings (README, "Newsletters"). */

function int(raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(raw);
  return raw !== undefined && raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** Recipients one batch job claims and sends (NEWSLETTER_BATCH_SIZE, default 200). */
export function batchSize(env: Record<string, string | undefined> = process.env): number {
  return int(env.NEWSLETTER_BATCH_SIZE, 200, 1, 5000);
}

/**
 * The throttle: at most this many newsletter messages per minute across the cluster's batches
 * (NEWSLETTER_MAX_PER_MINUTE, default 3000; 0 = no throttle). The next batch waits for its turn.
 */
export function maxPerMinute(env: Record<string, string | undefined> = process.env): number {
  return int(env.NEWSLETTER_MAX_PER_MINUTE, 3000, 0, 10_000_000);
}

/** Hard bounces after which an address gets no more newsletters (NEWSLETTER_HARD_BOUNCE_LIMIT, default 2). */
export function hardBounceLimit(env: Record<string, string | undefined> = process.env): number {
  return int(env.NEWSLETTER_HARD_BOUNCE_LIMIT, 2, 1, 100);
}

/** The shared secret of POST /api/newsletters/bounces (NEWSLETTER_WEBHOOK_SECRET); unset = the endpoint is off. */
export function bounceWebhookSecret(env: Record<string, string | undefined> = process.env): string | null {
  const s = env.NEWSLETTER_WEBHOOK_SECRET?.trim();
  return s && s.length >= 16 ? s : null;
}

/** How long a claimed batch may run before the minute tick hands its unsent rows to another worker. */
export const CLAIM_TIMEOUT_SECONDS = 120;
