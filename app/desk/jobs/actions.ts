'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { retryFailedJob, QUEUE_NAMES } from '@/lib/jobs/queue';

export type RetryJobState = { error?: string; message?: string };

const retryInput = z.object({ name: z.enum(QUEUE_NAMES as [string, ...string[]]), id: z.uuid() });

export async function retryJobAction(_prev: RetryJobState, fd: FormData): Promise<RetryJobState> {
  await requireRole('ADMIN', { callbackUrl: '/desk/jobs' });
  const input = retryInput.safeParse({ name: fd.get('name'), id: fd.get('id') });
  if (!input.success) return { error: 'That job could not be found. Reload the page and try again.' };
  const retried = await retryFailedJob(input.data.name as (typeof QUEUE_NAMES)[number], input.data.id);
  if (!retried) return { error: 'That job is no longer failed: someone retried it already, or it was cleaned up.' };
  revalidatePath('/desk/jobs');
  return { message: 'The job is queued again.' };
}
