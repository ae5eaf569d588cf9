'use server';

import { translationsFromForm } from '@/lib/i18n/content';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { NewsletterError, saveNewsletter } from '@/lib/newsletters/newsletters';
import { cancelIssue, createIssue, queueTestSend, scheduleIssue, startIssue } from '@/lib/newsletters/issues';
import { formatIsoMinute } from '@/lib/format/dates';
import { errorMessageIn } from '@/lib/errors/domain-error';
import { toLocale, type Locale } from '@/lib/i18n/locales';
import { sentence } from '@/lib/i18n/sentence';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';
import { translator } from '@/lib/i18n/translator';

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : undefined;
};

const idOf = (fd: FormData, k: string) => {
  const v = str(fd, k) ?? '';
  return /^[A-Za-z0-9_-]{1,100}$/.test(v) ? v : '';
};

/** The sentence for a refusal in the staff member's language, or rethrows what is not about the input. */
function refusal(err: unknown, locale: Locale): string {
  if (err instanceof NewsletterError) return errorMessageIn(err, locale);
  throw err;
}

const back = (path: string, q: Record<string, string>) => redirect(`${path}?${new URLSearchParams(q)}`);

/** Creates or edits a newsletter (staff). Sign-up slots on cached pages are refreshed. */
export async function saveNewsletterAction(fd: FormData): Promise<void> {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.newsletters.outcomes');
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
    return back(id ? `/desk/newsletters/${id}` : '/desk/newsletters', { failed: refusal(err, locale) });
  }
  revalidatePath('/', 'layout');
  back(`/desk/newsletters/${saved.id}`, { done: t('saved') });
}

/** A new issue (draft): one article, or several for a digest. */
export async function createIssueAction(fd: FormData): Promise<void> {
  const user = await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.newsletters.outcomes');
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
        translations: translationsFromForm(fd, ['subject', 'intro']),
      },
      user.id,
    );
  } catch (err) {
    return back(newsletterId ? `/desk/newsletters/${newsletterId}` : '/desk/newsletters', { failed: refusal(err, locale) });
  }
  back(`/desk/newsletters/issues/${issueId}`, { done: t('draftSaved') });
}

export async function testSendAction(fd: FormData): Promise<void> {
  const user = await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.newsletters.outcomes');
  const issueId = idOf(fd, 'issueId');
  // The copy readers in the chosen language get (the form offers each language; the desk's by default).
  const copyIn = toLocale(str(fd, 'locale') ?? locale);
  try {
    await queueTestSend(issueId, user.email, copyIn);
  } catch (err) {
    return back(`/desk/newsletters/issues/${issueId}`, { failed: refusal(err, locale) });
  }
  back(`/desk/newsletters/issues/${issueId}`, { done: t('testSent', { email: user.email }) });
}

export async function sendIssueNowAction(fd: FormData): Promise<void> {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const t = await staffTranslator('deskAudience.newsletters.outcomes');
  const issueId = idOf(fd, 'issueId');
  const started = issueId ? await startIssue(issueId) : false;
  back(`/desk/newsletters/issues/${issueId}`, started ? { done: t('sending') } : { failed: t('notSendable') });
}

export async function scheduleIssueAction(fd: FormData): Promise<void> {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.newsletters.outcomes');
  const issueId = idOf(fd, 'issueId');
  // <input type="datetime-local"> in the site's time zone is ambiguous; the form sends UTC (the label says so).
  const at = new Date(`${str(fd, 'at') ?? ''}Z`);
  try {
    if (Number.isNaN(at.getTime())) throw new NewsletterError('BAD_TIME', sentence('deskAudience.newsletters.errors.time'));
    await scheduleIssue(issueId, at);
  } catch (err) {
    return back(`/desk/newsletters/issues/${issueId}`, { failed: refusal(err, locale) });
  }
  back(`/desk/newsletters/issues/${issueId}`, { done: t('scheduled', { at: formatIsoMinute(at) }) });
}

export async function cancelIssueAction(fd: FormData): Promise<void> {
  await requireRole('EDITOR', { callbackUrl: '/desk/newsletters' });
  const locale = await staffLocale();
  const t = translator(locale, 'deskAudience.newsletters.outcomes');
  const issueId = idOf(fd, 'issueId');
  try {
    await cancelIssue(issueId);
  } catch (err) {
    return back(`/desk/newsletters/issues/${issueId}`, { failed: refusal(err, locale) });
  }
  back(`/desk/newsletters/issues/${issueId}`, { done: t('cancelled') });
}
