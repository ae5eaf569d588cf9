'use server';

import { revalidateReaderPath } from '@/lib/articles/revalidate';
import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { postTopicUpdate, setTopicStage, setTopicUpdateTranslations, topicProgressPath } from '@/lib/voting/progress';
import { isVotingError } from '@/lib/voting/rules';
import { deskMessage } from '@/lib/voting/desk-refusals';
import { setTopicTranslations } from '@/lib/voting/topics';
import { translationsFromForm } from '@/lib/i18n/content';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : '';
};
const safeId = (v: string) => (/^[A-Za-z0-9_-]{1,100}$/.test(v) ? v : '');

type Said = Awaited<ReturnType<typeof staffTranslator<'desk.topics.done'>>>;

/** Runs a desk command on a topic (EDITOR+), refreshes its public pages and comes back with a message in the editor's language. */
async function run(
  fd: FormData,
  fn: (user: Awaited<ReturnType<typeof requireRole>>, topicId: string, t: Said) => Promise<string>,
): Promise<never> {
  const topicId = safeId(str(fd, 'topicId'));
  const back = topicId ? `/desk/topics/${topicId}` : '/desk/rounds';
  const user = await requireRole('EDITOR', { callbackUrl: back });
  const t = await staffTranslator('desk.topics.done');
  let q: Record<string, string>;
  try {
    q = { done: await fn(user, topicId, t) };
    const path = await topicProgressPath(topicId);
    if (path) {
      revalidateReaderPath(path);
      revalidateReaderPath('/topics', 'layout');
    }
  } catch (err) {
    if (!isVotingError(err)) throw err;
    q = { failed: deskMessage(err, await staffLocale()) };
  }
  redirect(`${back}?${new URLSearchParams(q)}`);
}

export async function setTopicStageAction(fd: FormData) {
  return run(fd, async (user, topicId, t) => {
    await setTopicStage(user, topicId, {
      stage: str(fd, 'stage'),
      reporterName: str(fd, 'reporterName'),
      reason: str(fd, 'reason'),
      translations: translationsFromForm(fd, ['reason']),
    });
    return t('stageSaved');
  });
}

export async function postTopicUpdateAction(fd: FormData) {
  return run(fd, async (user, topicId, t) => {
    // Followers are emailed by a job queued with the update, each in their language.
    await postTopicUpdate(user, topicId, str(fd, 'body'), { translations: translationsFromForm(fd, ['body']) });
    return t('updatePosted');
  });
}

/** An update's text in other languages, added or corrected after it was posted. */
export async function saveTopicUpdateTranslationsAction(fd: FormData) {
  return run(fd, async (user, topicId, t) => {
    await setTopicUpdateTranslations(user, topicId, str(fd, 'updateId'), translationsFromForm(fd, ['body']));
    return t('updateTranslated');
  });
}

export async function saveTopicTranslationsAction(fd: FormData) {
  return run(fd, async (user, topicId, t) => {
    await setTopicTranslations(user, topicId, translationsFromForm(fd, ['title', 'description']));
    return t('translationsSaved');
  });
}
