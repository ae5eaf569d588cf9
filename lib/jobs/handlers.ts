/** What each queue's jobs do. Only the worker (and tests that run jobs) import this. */
import { purgeExpired } from '@/lib/limits/purge';
import { deliverQueuedEmail } from '@/lib/mail/delivery';
import { closeLoopForLiveArticles } from '@/lib/voting/scheduled';
import { notifyTopicFollowers } from '@/lib/voting/progress-notify';
import { runRetentionJob } from '@/lib/retention/winback';
import { runGiftJob } from '@/lib/gifts/gifts';
import { z } from 'zod';
import type { JobHandlers } from './worker';

const emailJob = z.object({ emailId: z.string().min(1) });
const topicUpdateJob = z.object({ updateId: z.string().min(1) });

export const JOB_HANDLERS: JobHandlers = {
  'email.send': (data, job) => deliverQueuedEmail(emailJob.parse(data).emailId, job),
  'topic.update-notify': (data) => notifyTopicFollowers(topicUpdateJob.parse(data).updateId),
  'scheduled.close-loop': () => closeLoopForLiveArticles(),
  'scheduled.purge': () => purgeExpired(),
  'scheduled.retention': () => runRetentionJob(),
  'scheduled.gifts': () => runGiftJob(),
};
