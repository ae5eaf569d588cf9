'use server';

import { translationsFromForm } from '@/lib/i18n/content';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { ZodError } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { NewsletterError, saveNewsletter } from '@/lib/newsletters/newsletters';
import { cancelIssue, createIssue, queueTestSend, scheduleIssue, startIssue } from '@/lib/newsletters/issues';
import { formatIsoMinute } from '@/lib/format/dates';

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : undefined;
};

const idOf = (fd: FormData, k: string) => {
  const v = str(fd, k) ?? '';
  return /^[A-Za-z0-9_-]{1,100}$/.test(v) ? v : '';
};

/** The sentence for a refusal, or rethrows what is not about the input. */
function refusal(err: unknown): string {
  if (err instanceof NewsletterError) return err.message;
  if (err instanceof ZodError) return err.issues[0]?.message ?? 'Check the form.';
  throw err;
}

const back = (path: string, q: Record<string, string>) => redirect(`${path}?${new URLSearchParams(q)}`);

/** Creates or edits a newsletter (staff). Sign-up slots on cached pages are refreshed. */
export async function saveNewsletterAction(fd: FormData): Promise<void> {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const id = idOf(fd, 'id') || undefined;
  let saved: { id: string };
  try {
    saved = await saveNewsletter(
      {
        name: str(fd, 'name'),
        description: str(fd, 'description'),
        cadence: str(fd, 'cadence'),
        audience: str(fd, 'audience'),
        senderName: str(fd, 'senderName'),
        translations: translationsFromForm(fd, ['name', 'description']),
      },
      id,
    );
  } catch (err) {
    return back(id ? `/desk/newsletters/${id}` : '/desk/newsletters', { failed: refusal(err) });
  }
  revalidatePath('/', 'layout');
  back(`/desk/newsletters/${saved.id}`, { done: 'Newsletter saved.' });
}

/** A new issue (draft): one article, or several for a digest. */
export async function createIssueAction(fd: FormData): Promise<void> {
  const user = await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const newsletterId = idOf(fd, 'newsletterId');
  let issueId: string;
  try {
    issueId = await createIssue(
      {
        newsletterId,
        subject: str(fd, 'subject'),
        intro: str(fd, 'intro') ?? '',
        articleIds: fd
          .getAll('articleId')
          .filter((v): v is string => typeof v === 'string')
          .slice(0, 20),
      },
      user.id,
    );
  } catch (err) {
    return back(newsletterId ? `/desk/newsletters/${newsletterId}` : '/desk/newsletters', { failed: refusal(err) });
  }
  back(`/desk/newsletters/issues/${issueId}`, { done: 'Draft saved. Preview it, send yourself a test, then send or schedule it.' });
}

export async function testSendAction(fd: FormData): Promise<void> {
  const user = await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const issueId = idOf(fd, 'issueId');
  try {
    await queueTestSend(issueId, user.email);
  } catch (err) {
    return back(`/desk/newsletters/issues/${issueId}`, { failed: refusal(err) });
  }
  back(`/desk/newsletters/issues/${issueId}`, { done: `A test copy is on its way to ${user.email}.` });
}

export async function sendIssueNowAction(fd: FormData): Promise<void> {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const issueId = idOf(fd, 'issueId');
  const started = issueId ? await startIssue(issueId) : false;
  back(
    `/desk/newsletters/issues/${issueId}`,
    started
      ? { done: 'Sending: the figures below fill in as batches go out.' }
      : { failed: 'Only a draft or scheduled issue can be sent.' },
  );
}

export async function scheduleIssueAction(fd: FormData): Promise<void> {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const issueId = idOf(fd, 'issueId');
  // <input type="datetime-local"> in the site's time zone is ambiguous; the form sends UTC (the label says so).
  const at = new Date(`${str(fd, 'at') ?? ''}Z`);
  try {
    if (Number.isNaN(at.getTime())) throw new NewsletterError('BAD_TIME', 'Choose a date and time (UTC).');
    await scheduleIssue(issueId, at);
  } catch (err) {
    return back(`/desk/newsletters/issues/${issueId}`, { failed: refusal(err) });
  }
  back(`/desk/newsletters/issues/${issueId}`, { done: `Scheduled for ${formatIsoMinute(at)} UTC.` });
}

export async function cancelIssueAction(fd: FormData): Promise<void> {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const issueId = idOf(fd, 'issueId');
  try {
    await cancelIssue(issueId);
  } catch (err) {
    return back(`/desk/newsletters/issues/${issueId}`, { failed: refusal(err) });
  }
  back(`/desk/newsletters/issues/${issueId}`, { done: 'Cancelled: it will not be sent.' });
}
