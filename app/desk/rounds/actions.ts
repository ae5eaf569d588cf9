'use server';

import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { revalidateReaderPath, revalidateRoundPages } from '@/lib/articles/revalidate';
import { closeRound, createRound, openRound, setCommitment, updateRound } from '@/lib/voting/rounds';
import { approveTopic, commissionTopic, createTopic, declineTopic, linkArticleBySlug, mergeTopics } from '@/lib/voting/topics';
import { isVotingError } from '@/lib/voting/rules';
import { deskFieldErrors, deskMessage } from '@/lib/voting/desk-refusals';
import { roundValues } from './round-form-values';
import { translationsFromForm } from '@/lib/i18n/content';
import { staffLocale, staffTranslator } from '@/lib/i18n/staff-locale';

export type RoundFormState = { errors: Record<string, string>; message: string | null };

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === 'string' ? v : '';
};
const safeId = (v: string) => (/^[A-Za-z0-9_-]{1,100}$/.test(v) ? v : '');

export async function saveRoundAction(_prev: RoundFormState, fd: FormData): Promise<RoundFormState> {
  const id = safeId(str(fd, 'id'));
  const user = await requireRole('EDITOR', { callbackUrl: id ? `/desk/rounds/${id}` : '/desk/rounds/new' });
  let roundId = id;
  try {
    if (id) await updateRound(user, id, roundValues(fd));
    else roundId = (await createRound(user, roundValues(fd))).id;
  } catch (err) {
    if (!isVotingError(err)) throw err;
    const locale = await staffLocale();
    return { errors: deskFieldErrors(err, locale), message: deskMessage(err, locale) };
  }
  revalidateRoundPages();
  const t = await staffTranslator('desk.rounds.done');
  redirect(`/desk/rounds/${roundId}?${new URLSearchParams({ done: id ? t('saved') : t('created') })}`);
}

type Said = Awaited<ReturnType<typeof staffTranslator<'desk.rounds.done'>>>;

/** Runs a desk command and comes back to the round page with a message (in the editor's language). */
async function run(fd: FormData, fn: (user: Awaited<ReturnType<typeof requireRole>>, t: Said) => Promise<string>): Promise<never> {
  const roundId = safeId(str(fd, 'roundId'));
  const back = roundId ? `/desk/rounds/${roundId}` : '/desk/rounds';
  const user = await requireRole('EDITOR', { callbackUrl: back });
  const t = await staffTranslator('desk.rounds.done');
  let q: Record<string, string>;
  try {
    q = { done: await fn(user, t) };
    revalidateRoundPages();
  } catch (err) {
    if (!isVotingError(err)) throw err;
    q = { failed: deskMessage(err, await staffLocale()) };
  }
  redirect(`${back}?${new URLSearchParams(q)}`);
}

export async function openRoundAction(fd: FormData) {
  return run(fd, async (u, t) => (await openRound(u, str(fd, 'roundId')), t('opened')));
}
export async function closeRoundAction(fd: FormData) {
  return run(
    fd,
    async (u, t) => (
      await closeRound(u, str(fd, 'roundId'), {
        commitment: str(fd, 'commitment'),
        translations: translationsFromForm(fd, ['commitment']),
      }),
      t('closed')
    ),
  );
}
export async function commitmentAction(fd: FormData) {
  return run(
    fd,
    async (u, t) => (
      await setCommitment(u, str(fd, 'roundId'), str(fd, 'commitment'), translationsFromForm(fd, ['commitment'])),
      t('commitmentSaved')
    ),
  );
}
export async function addTopicAction(fd: FormData) {
  return run(
    fd,
    async (u, t) => (
      await createTopic(u, str(fd, 'roundId'), {
        title: str(fd, 'title'),
        description: str(fd, 'description'),
        sectionId: str(fd, 'sectionId'),
        translations: translationsFromForm(fd, ['title', 'description']),
      }),
      t('topicAdded')
    ),
  );
}
export async function approveTopicAction(fd: FormData) {
  return run(fd, async (u, t) => (await approveTopic(u, str(fd, 'topicId')), t('approved')));
}
export async function declineTopicAction(fd: FormData) {
  return run(
    fd,
    async (u, t) => (
      await declineTopic(u, str(fd, 'topicId'), str(fd, 'reason'), translationsFromForm(fd, ['declineReason'])),
      t('declined')
    ),
  );
}
export async function commissionTopicAction(fd: FormData) {
  return run(fd, async (u, t) => (await commissionTopic(u, str(fd, 'topicId')), t('commissioned')));
}
export async function mergeTopicAction(fd: FormData) {
  return run(fd, async (u, t) => {
    const r = await mergeTopics(u, str(fd, 'topicId'), str(fd, 'targetId'));
    return t('merged', { moved: r.moved, deduplicated: r.deduplicated });
  });
}
export async function linkArticleAction(fd: FormData) {
  return run(fd, async (u, t) => {
    const r = await linkArticleBySlug(u, str(fd, 'topicId'), str(fd, 'slug'));
    // The article now shows "Commissioned by N patrons": refresh its cached page.
    revalidateReaderPath(`/articles/${str(fd, 'slug').trim()}`);
    return r.published ? t('linkedPublished', { notified: r.notified }) : t('linked');
  });
}
