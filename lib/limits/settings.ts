/**
 * The abuse limits and their settings (README, "Limits and proxies"). Each limit is one environment
 * variable holding `<count>/<window>`, e.g. `5/1h` (windows: s, m, h, d), or `off`. What a limited
 * person is told is in the catalogues (common.limits.messages.<name>, lib/limits/messages.ts).
 */
export const LIMITS = {
  signinEmail: { env: 'LIMIT_SIGNIN_EMAIL', fallback: '5/1h' },
  signinIp: { env: 'LIMIT_SIGNIN_IP', fallback: '30/1h' },
  checkout: { env: 'LIMIT_CHECKOUT', fallback: '10/1h' },
  votes: { env: 'LIMIT_VOTES', fallback: '60/10m' },
  suggestions: { env: 'LIMIT_SUGGESTIONS', fallback: '10/1d' },
  cta: { env: 'LIMIT_CTA_IP', fallback: '120/1m' },
  search: { env: 'LIMIT_SEARCH_IP', fallback: '60/1m' },
  newsletterEmail: { env: 'LIMIT_NEWSLETTER_EMAIL', fallback: '5/1h' },
  newsletterIp: { env: 'LIMIT_NEWSLETTER_IP', fallback: '30/1h' },
  cancelLinkEmail: { env: 'LIMIT_CANCEL_LINK_EMAIL', fallback: '3/1h' },
  cancelLinkIp: { env: 'LIMIT_CANCEL_LINK_IP', fallback: '20/1h' },
} as const satisfies Record<string, { env: string; fallback: string }>;

export type LimitName = keyof typeof LIMITS;

/** A limit's numbers: at most `points` requests per `durationSeconds`; null = no limit. */
export type LimitRule = { points: number; durationSeconds: number } | null;

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `5/1h` → 5 per 3600 s; `off` → null. Throws with the variable's name on anything else. */
export function parseLimitRule(raw: string, variable: string): LimitRule {
  const text = raw.trim().toLowerCase();
  if (text === 'off') return null;
  const m = /^(\d{1,7})\s*\/\s*(\d{1,6})\s*([smhd])$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    throw new Error(`${variable} must look like 5/1h (a count per window of s, m, h or d) or off; got "${raw}".`);
  }
  return { points: Number(m[1]), durationSeconds: Number(m[2]) * UNIT_SECONDS[m[3] as keyof typeof UNIT_SECONDS] };
}

export function limitRule(name: LimitName, env: Record<string, string | undefined> = process.env): LimitRule {
  const def = LIMITS[name];
  return parseLimitRule(env[def.env]?.trim() || def.fallback, def.env);
}
