/** What each queue's jobs do. Only the worker (and tests that run jobs) import this. */
import { LOCALES } from '@/lib/i18n/locales';
import { purgeExpired } from '@/lib/limits/purge';
import { deliverQueuedEmail } from '@/lib/mail/delivery';
import { closeLoopForLiveArticles } from '@/lib/voting/scheduled';
import { notifyTopicFollowers } from '@/lib/voting/progress-notify';
import { runRetentionJob } from '@/lib/retention/winback';
import { runGiftJob } from '@/lib/gifts/gifts';
import { recordOutsideCancellation } from '@/lib/retention/portal-cancel';
import { runReferralReward } from '@/lib/referrals/reward';
import { z } from 'zod';
import type { JobHandlers } from './worker';
import { sendBatch, sendConfirmation, sendTestIssue, tickNewsletters } from '@/lib/newsletters/issues';

const emailJob = z.object({ emailId: z.string().min(1) });
const topicUpdateJob = z.object({ updateId: z.string().min(1) });
const newsletterConfirmJob = z.object({ subscriptionId: z.string().min(1), locale: z.enum(LOCALES).optional().catch(undefined) });
const newsletterIssueJob = z.object({ issueId: z.string().min(1) });
const referralRewardJob = z.object({ checkoutId: z.string().min(1) });
const cancellationJob = z.object({ subscriptionId: z.string().min(1) });
const newsletterTestJob = z.object({ issueId: z.string().min(1), to: z.email(), locale: z.enum(LOCALES).optional().catch(undefined) });

export const JOB_HANDLERS: JobHandlers = {
  'email.send': (data, job) => deliverQueuedEmail(emailJob.parse(data).emailId, job),
  'topic.update-notify': (data) => notifyTopicFollowers(topicUpdateJob.parse(data).updateId),
  'scheduled.close-loop': () => closeLoopForLiveArticles(),
  'scheduled.purge': () => purgeExpired(),
  'newsletter.confirm': (data) => {
    const job = newsletterConfirmJob.parse(data);
    return sendConfirmation(job.subscriptionId, job.locale);
  },
  'newsletter.send-batch': (data) => sendBatch(newsletterIssueJob.parse(data).issueId),
  'newsletter.test-send': (data) => {
    const d = newsletterTestJob.parse(data);
    return sendTestIssue(d.issueId, d.to, d.locale);
  },
  'newsletter.tick': () => tickNewsletters(),
  'scheduled.retention': () => runRetentionJob(),
  'scheduled.gifts': () => runGiftJob(),
  'retention.cancellation': (data) => recordOutsideCancellation(cancellationJob.parse(data).subscriptionId),
  'referral.reward': (data) => runReferralReward(referralRewardJob.parse(data).checkoutId),
};
