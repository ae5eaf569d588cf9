/**
 * Every queue Patronage uses, with its retry policy. Kept apart from the handlers so that code which
 * only enqueues (a request sending an email) does not import what the worker runs.
 */
export type QueueSettings = {
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  expireInSeconds: number;
  /** Cron expression (UTC): pg-boss creates one job per tick across the cluster, however many nodes run. */
  cron?: string;
};

function emailRetryDelaySeconds(): number {
  const n = Number(process.env.EMAIL_RETRY_DELAY_SECONDS ?? 30);
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 30;
}

export const QUEUES = {
  /** One email (an Email row): sent through SMTP, or filed in the local outbox. */
  'email.send': () => ({ retryLimit: 8, retryDelaySeconds: emailRetryDelaySeconds(), retryBackoff: true, expireInSeconds: 120 }),
  /** A staff update on a commissioned topic: queues one email per follower (each its own email.send job). */
  'topic.update-notify': () => ({ retryLimit: 6, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 600 }),
  /** Articles that went live on their own (scheduled ones) close the loop of their topics. */
  'scheduled.close-loop': () => ({ retryLimit: 2, retryDelaySeconds: 30, retryBackoff: false, expireInSeconds: 300, cron: '* * * * *' }),
  /** Expired sign-in tokens and limit counters. */
  'scheduled.purge': () => ({ retryLimit: 2, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 600, cron: '*/5 * * * *' }),
  /** Newsletters (lib/newsletters/issues.ts): the double opt-in email of one sign-up. */
  'newsletter.confirm': () => ({ retryLimit: 6, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 }),
  /** One batch of an issue's deliveries; each batch queues the next (throttled). */
  'newsletter.send-batch': () => ({ retryLimit: 10, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 900 }),
  /** An issue sent to one editor's address (the desk's test send). */
  'newsletter.test-send': () => ({ retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 }),
  /** Starts scheduled issues when due and resumes sends whose batches stopped (a crash). */
  'newsletter.tick': () => ({ retryLimit: 2, retryDelaySeconds: 30, retryBackoff: false, expireInSeconds: 300, cron: '* * * * *' }),
  /** Win-back emails to former patrons (issue #15) and spent one-time cancel links. */
  'scheduled.retention': () => ({ retryLimit: 2, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 600, cron: '*/15 * * * *' }),
  /** A subscription turned cancelled (lib/retention/portal-cancel.ts): recorded for the win-back when it happened outside the app. */
  'retention.cancellation': () => ({ retryLimit: 6, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 }),
  /** Gift memberships: delivery emails on their date, reminders before they end (issue #15). */
  'scheduled.gifts': () => ({ retryLimit: 2, retryDelaySeconds: 60, retryBackoff: false, expireInSeconds: 600, cron: '*/10 * * * *' }),
  /** The referral reward (lib/referrals/reward.ts): a free month credited at Stripe, then the referrer's thank-you. */
  'referral.reward': () => ({ retryLimit: 8, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 }),
} satisfies Record<string, () => QueueSettings>;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

export function queueSettings(name: QueueName): QueueSettings {
  return QUEUES[name]();
}
