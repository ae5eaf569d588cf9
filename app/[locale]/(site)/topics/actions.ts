'use server';

import { revalidatePublicPath, revalidateReaderPath } from '@/lib/articles/revalidate';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getCurrentUser, signInPath } from '@/lib/auth/session';
import { castVote, withdrawVote } from '@/lib/voting/votes';
import { pickTopicAsNonPatron, unpickTopic } from '@/lib/voting/pending';
import { suggestTopic } from '@/lib/voting/topics';
import { isVotingError } from '@/lib/voting/rules';
import { consumeLimit } from '@/lib/limits/limiter';

export type VoteFormState = { ok: boolean; message: string | null };
export type SuggestFormState = {
  ok: boolean;
  message: string | null;
  errors: Record<string, string>;
  values: { title: string; description: string };
};

const voteForm = z.object({
  topicId: z.string().trim().min(1).max(100),
  intent: z.enum(['cast', 'withdraw', 'pick', 'unpick']),
  back: z
    .string()
    .regex(/^\/topics(\/[a-z0-9-]+)?$/)
    .catch('/topics'),
});

/** Cast / withdraw (patrons) or pick / unpick (signed-in non-patrons). Every check happens on the server. */
export async function voteAction(_prev: VoteFormState, fd: FormData): Promise<VoteFormState> {
  const parsed = voteForm.safeParse({ topicId: fd.get('topicId'), intent: fd.get('intent'), back: fd.get('back') ?? '/topics' });
  if (!parsed.success) return { ok: false, message: 'That request was not valid. Reload the page and try again.' };
  const { topicId, intent, back } = parsed.data;
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(back));
  const limit = await consumeLimit('votes', user.id);
  if (!limit.ok) return { ok: false, message: limit.message };
  try {
    let message: string;
    if (intent === 'cast') {
      const r = await castVote(user.id, topicId);
      message = `Vote counted. ${r.remaining} of ${r.budget} left.`;
    } else if (intent === 'withdraw') {
      const r = await withdrawVote(user.id, topicId);
      message = `Vote withdrawn. ${r.remaining} of ${r.budget} left.`;
    } else if (intent === 'pick') {
      await pickTopicAsNonPatron(user.id, topicId);
      message = 'Remembered. Become a patron and this pick turns into your vote.';
    } else {
      await unpickTopic(user.id, topicId);
      message = 'Pick removed.';
    }
    revalidatePublicPath(back);
    return { ok: true, message };
  } catch (err) {
    if (isVotingError(err)) return { ok: false, message: err.message };
    throw err;
  }
}

export async function suggestAction(_prev: SuggestFormState, fd: FormData): Promise<SuggestFormState> {
  const values = { title: String(fd.get('title') ?? '').slice(0, 1000), description: String(fd.get('description') ?? '').slice(0, 5000) };
  const roundId = fd.get('roundId');
  const user = await getCurrentUser();
  if (!user) redirect(signInPath('/topics'));
  const limit = await consumeLimit('suggestions', user.id);
  if (!limit.ok) return { ok: false, message: limit.message, errors: {}, values };
  try {
    await suggestTopic(user.id, typeof roundId === 'string' ? roundId : '', values);
    revalidateReaderPath('/topics');
    return {
      ok: true,
      message: 'Thank you. Your suggestion will appear once an editor has reviewed it.',
      errors: {},
      values: { title: '', description: '' },
    };
  } catch (err) {
    if (isVotingError(err)) return { ok: false, message: err.message, errors: err.fieldErrors ?? {}, values };
    throw err;
  }
}
