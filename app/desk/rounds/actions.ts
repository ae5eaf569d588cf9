'use server';

import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { revalidateReaderPath, revalidateRoundPages } from '@/lib/articles/revalidate';
import { closeRound, createRound, openRound, setCommitment, updateRound } from '@/lib/voting/rounds';
import { approveTopic, commissionTopic, createTopic, declineTopic, linkArticleBySlug, mergeTopics } from '@/lib/voting/topics';
import { isVotingError } from '@/lib/voting/rules';
import { roundValues } from './round-form-values';
import { translationsFromForm } from '@/lib/i18n/content';

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
    if (isVotingError(err)) return { errors: err.fieldErrors ?? {}, message: err.message };
    throw err;
  }
  revalidateRoundPages();
  redirect(`/desk/rounds/${roundId}?${new URLSearchParams({ done: id ? 'Round saved.' : 'Round created as a draft.' })}`);
}

/** Runs a desk command and comes back to the round page with a message. */
async function run(fd: FormData, fn: (user: Awaited<ReturnType<typeof requireRole>>) => Promise<string>): Promise<never> {
  const roundId = safeId(str(fd, 'roundId'));
  const back = roundId ? `/desk/rounds/${roundId}` : '/desk/rounds';
  const user = await requireRole('EDITOR', { callbackUrl: back });
  let q: Record<string, string>;
  try {
    q = { done: await fn(user) };
    revalidateRoundPages();
  } catch (err) {
    if (!isVotingError(err)) throw err;
    q = { failed: err.message };
  }
  redirect(`${back}?${new URLSearchParams(q)}`);
}

export async function openRoundAction(fd: FormData) {
  return run(fd, async (u) => (await openRound(u, str(fd, 'roundId')), 'Round opened.'));
}
export async function closeRoundAction(fd: FormData) {
  return run(fd, async (u) => (await closeRound(u, str(fd, 'roundId'), { commitment: str(fd, 'commitment') }), 'Round closed.'));
}
export async function commitmentAction(fd: FormData) {
  return run(fd, async (u) => (await setCommitment(u, str(fd, 'roundId'), str(fd, 'commitment')), 'Commitment saved.'));
}
export async function addTopicAction(fd: FormData) {
  return run(
    fd,
    async (u) => (
      await createTopic(u, str(fd, 'roundId'), {
        title: str(fd, 'title'),
        description: str(fd, 'description'),
        sectionId: str(fd, 'sectionId'),
        translations: translationsFromForm(fd, ['title', 'description']),
      }),
      'Topic added.'
    ),
  );
}
export async function approveTopicAction(fd: FormData) {
  return run(fd, async (u) => (await approveTopic(u, str(fd, 'topicId')), 'Topic approved: open for votes.'));
}
export async function declineTopicAction(fd: FormData) {
  return run(fd, async (u) => (await declineTopic(u, str(fd, 'topicId'), str(fd, 'reason')), 'Topic declined.'));
}
export async function commissionTopicAction(fd: FormData) {
  return run(fd, async (u) => (await commissionTopic(u, str(fd, 'topicId')), 'Topic commissioned.'));
}
export async function mergeTopicAction(fd: FormData) {
  return run(fd, async (u) => {
    const r = await mergeTopics(u, str(fd, 'topicId'), str(fd, 'targetId'));
    return `Merged: ${r.moved} ${r.moved === 1 ? 'vote' : 'votes'} moved, ${r.deduplicated} duplicate ${r.deduplicated === 1 ? 'vote' : 'votes'} returned to patrons.`;
  });
}
export async function linkArticleAction(fd: FormData) {
  return run(fd, async (u) => {
    const r = await linkArticleBySlug(u, str(fd, 'topicId'), str(fd, 'slug'));
    // The article now shows "Commissioned by N patrons": refresh its cached page.
    revalidateReaderPath(`/articles/${str(fd, 'slug').trim()}`);
    return r.published
      ? `Article linked; topic published; ${r.notified} ${r.notified === 1 ? 'voter' : 'voters'} emailed.`
      : 'Article linked; voters are emailed when it is published.';
  });
}
