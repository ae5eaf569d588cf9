'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { retryFailedJob, QUEUE_NAMES } from '@/lib/jobs/queue';
import { staffTranslator } from '@/lib/i18n/staff-locale';

export type RetryJobState = { error?: string; message?: string };

const retryInput = z.object({ name: z.enum(QUEUE_NAMES as [string, ...string[]]), id: z.uuid() });

export async function retryJobAction(_prev: RetryJobState, fd: FormData): Promise<RetryJobState> {
  await requireRole('ADMIN', { callbackUrl: '/desk/jobs' });
  const t = await staffTranslator('desk.jobs.outcome');
  const input = retryInput.safeParse({ name: fd.get('name'), id: fd.get('id') });
  if (!input.success) return { error: t('notFound') };
  const retried = await retryFailedJob(input.data.name as (typeof QUEUE_NAMES)[number], input.data.id);
  if (!retried) return { error: t('notFailed') };
  revalidatePath('/desk/jobs');
  return { message: t('queued') };
}
