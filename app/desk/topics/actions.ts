'use server';

import { revalidateReaderPath } from '@/lib/articles/revalidate';
import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { postTopicUpdate, setTopicStage, topicProgressPath } from '@/lib/voting/progress';
import { isVotingError } from '@/lib/voting/rules';
import { setTopicTranslations } from '@/lib/voting/topics';
import { translationsFromForm } from '@/lib/i18n/content';

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : '';
};
const safeId = (v: string) => (/^[A-Za-z0-9_-]{1,100}$/.test(v) ? v : '');

/** Runs a desk command on a topic (EDITOR+), refreshes its public pages and comes back with a message. */
async function run(fd: FormData, fn: (user: Awaited<ReturnType<typeof requireRole>>, topicId: string) => Promise<string>): Promise<never> {
  const topicId = safeId(str(fd, 'topicId'));
  const back = topicId ? `/desk/topics/${topicId}` : '/desk/rounds';
  const user = await requireRole('EDITOR', { callbackUrl: back });
  let q: Record<string, string>;
  try {
    q = { done: await fn(user, topicId) };
    const path = await topicProgressPath(topicId);
    if (path) {
      revalidateReaderPath(path);
      revalidateReaderPath('/topics', 'layout');
    }
  } catch (err) {
    if (!isVotingError(err)) throw err;
    q = { failed: err.message };
  }
  redirect(`${back}?${new URLSearchParams(q)}`);
}

export async function setTopicStageAction(fd: FormData) {
  return run(fd, async (user, topicId) => {
    await setTopicStage(user, topicId, { stage: str(fd, 'stage'), reporterName: str(fd, 'reporterName'), reason: str(fd, 'reason') });
    return 'Stage saved.';
  });
}

export async function postTopicUpdateAction(fd: FormData) {
  return run(fd, async (user, topicId) => {
    // Followers are emailed by a job queued with the update.
    await postTopicUpdate(user, topicId, str(fd, 'body'));
    return 'Update posted. Followers are being emailed.';
  });
}

export async function saveTopicTranslationsAction(fd: FormData) {
  return run(fd, async (user, topicId) => {
    await setTopicTranslations(user, topicId, translationsFromForm(fd, ['title', 'description']));
    return 'Translations saved.';
  });
}
