/**
 * The abuse limits and their settings (README, "Limits and proxies"). Each limit is one environment
 * variable holding `<count>/<window>`, e.g. `5/1h` (windows: s, m, h, d), or `off`.
 */
export const LIMITS = {
  signinEmail: {
    env: 'LIMIT_SIGNIN_EMAIL',
    fallback: '5/1h',
    message: (wait: string) =>
      `Too many sign-in links were requested for this address. To protect its inbox, please wait ${wait} and try again.`,
  },
  signinIp: {
    env: 'LIMIT_SIGNIN_IP',
    fallback: '30/1h',
    message: (wait: string) => `Too many sign-in links were requested from your network. Please wait ${wait} and try again.`,
  },
  checkout: {
    env: 'LIMIT_CHECKOUT',
    fallback: '10/1h',
    message: (wait: string) => `You have started many checkouts in a short time. Please wait ${wait} and try again.`,
  },
  votes: {
    env: 'LIMIT_VOTES',
    fallback: '60/10m',
    message: (wait: string) => `You have changed your votes many times in a short time. Please wait ${wait} and try again.`,
  },
  suggestions: {
    env: 'LIMIT_SUGGESTIONS',
    fallback: '10/1d',
    message: (wait: string) => `You have sent many topic suggestions today. Please wait ${wait} before suggesting another.`,
  },
  cta: {
    env: 'LIMIT_CTA_IP',
    fallback: '120/1m',
    message: (wait: string) => `Too many requests from your network. Please wait ${wait}.`,
  },
  search: {
    env: 'LIMIT_SEARCH_IP',
    fallback: '60/1m',
    message: (wait: string) => `You have searched many times in a short time. Please wait ${wait} and search again.`,
  },
  newsletterEmail: {
    env: 'LIMIT_NEWSLETTER_EMAIL',
    fallback: '5/1h',
    message: (wait: string) =>
      `Too many newsletter sign-ups were asked for this address. To protect its inbox, please wait ${wait} and try again.`,
  },
  newsletterIp: {
    env: 'LIMIT_NEWSLETTER_IP',
    fallback: '30/1h',
    message: (wait: string) => `Too many newsletter sign-ups came from your network. Please wait ${wait} and try again.`,
  },
  cancelLinkEmail: {
    env: 'LIMIT_CANCEL_LINK_EMAIL',
    fallback: '3/1h',
    message: (wait: string) =>
      `Too many cancellation links were requested for this address. Please wait ${wait} and try again, or sign in to cancel.`,
  },
  cancelLinkIp: {
    env: 'LIMIT_CANCEL_LINK_IP',
    fallback: '20/1h',
    message: (wait: string) => `Too many cancellation links were requested from your network. Please wait ${wait} and try again.`,
  },
} as const satisfies Record<string, { env: string; fallback: string; message: (wait: string) => string }>;

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

/** "45 seconds", "1 minute", "12 minutes", "2 hours": how long to wait, in words. */
export function waitInWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  const min = Math.ceil(s / 60);
  if (min < 120) return `${min} ${min === 1 ? 'minute' : 'minutes'}`;
  const h = Math.ceil(s / 3600);
  return `${h} hours`;
}
